"""Users, roles and password hashes of the review console (configuration file, TOML).

```toml
secret_key = "..."                 # signs session cookies; random per start when absent
proxy_header = "X-Remote-User"     # optional: trust an authenticating reverse proxy's header
[users.alice]
role = "analyst"                   # viewer | analyst | approver
password = "scrypt$16384$8$1$<salt b64>$<hash b64>"   # `screening console --hash-password`
```

Passwords are stored as scrypt hashes (hashlib, memory-hard, no extra dependency) and compared
in constant time. With `proxy_header` set, the header names the user (who must still be listed,
for the role) and the login form is not used.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from screening.errors import ConfigError

Role = Literal["viewer", "analyst", "approver"]
Permission = Literal["view", "review", "approve"]
ROLES: dict[str, frozenset[Permission]] = {
    "viewer": frozenset({"view"}),
    "analyst": frozenset({"view", "review"}),
    "approver": frozenset({"view", "review", "approve"}),
}
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role
    password_hash: str | None = field(default=None, repr=False)

    def can(self, permission: Permission) -> bool:
        return permission in ROLES[self.role]


@dataclass(frozen=True, slots=True)
class UsersConfig:
    users: dict[str, User]
    secret_key: str
    proxy_header: str | None = None

    @classmethod
    def load(cls, path: Path) -> UsersConfig:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"console users file {path}: {exc}") from exc
        users: dict[str, User] = {}
        for name, spec in (raw.get("users") or {}).items():
            role = spec.get("role")
            if role not in ROLES:
                raise ConfigError(f"{path}: user {name}: role must be one of {', '.join(ROLES)}")
            password = spec.get("password")
            if password is not None and not str(password).startswith("scrypt$"):
                raise ConfigError(f"{path}: user {name}: password must be a scrypt hash")
            users[name] = User(name, role, password)
        proxy = raw.get("proxy_header")
        if not users:
            raise ConfigError(f"{path}: no [users.<name>] defined")
        if proxy is None and not any(u.password_hash for u in users.values()):
            raise ConfigError(f"{path}: no user has a password and no proxy_header is set")
        return cls(users, str(raw.get("secret_key") or os.urandom(32).hex()), proxy)

    def authenticate(self, name: str, password: str) -> User | None:
        user = self.users.get(name)
        if user is None or user.password_hash is None:
            hash_password(password)  # same work either way: no user enumeration by timing
            return None
        return user if verify_password(password, user.password_hash) else None
