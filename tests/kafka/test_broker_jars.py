"""The broker's Maven recipe: exact versions in the pom, and every jar checked against its sha256.

No Maven here: the checks run on small jar files made in the test, and on the real pom and list.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from screening.errors import BrokerError
from screening.kafka import broker

POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
EXACT_VERSION = re.compile(r"^\d+(\.\d+)+$")


@pytest.fixture
def libs(tmp_path: Path) -> Path:
    """Two jars and the checksum list that names them."""
    folder = tmp_path / "libs"
    folder.mkdir()
    (folder / "a-1.0.jar").write_bytes(b"PK\x03\x04 first jar")
    (folder / "b-2.0.jar").write_bytes(b"PK\x03\x04 second jar")
    return folder


def _manifest(libs: Path) -> Path:
    lines = [f"{hashlib.sha256(j.read_bytes()).hexdigest()}  {j.name}" for j in libs.glob("*.jar")]
    manifest = libs.parent / "jars.sha256"
    manifest.write_text("# test list\n" + "\n".join(lines) + "\n")
    return manifest


def test_jars_matching_their_list_pass(libs: Path) -> None:
    broker._verify_jars(libs, _manifest(libs))


def test_a_tampered_jar_is_refused(libs: Path) -> None:
    manifest = _manifest(libs)
    jar = libs / "a-1.0.jar"
    jar.write_bytes(jar.read_bytes() + b"\x00")
    with pytest.raises(BrokerError, match=r"differ from jars\.sha256: checksum of a-1\.0\.jar"):
        broker._verify_jars(libs, manifest)


def test_a_missing_or_an_extra_jar_is_refused(libs: Path) -> None:
    manifest = _manifest(libs)
    (libs / "b-2.0.jar").rename(libs / "b-2.1.jar")
    with pytest.raises(BrokerError, match=r"missing b-2\.0\.jar, unexpected b-2\.1\.jar"):
        broker._verify_jars(libs, manifest)


def test_without_a_checksum_list_nothing_is_trusted(libs: Path) -> None:
    with pytest.raises(BrokerError, match="is missing"):
        broker._verify_jars(libs, libs.parent / "absent.sha256")
    empty = libs.parent / "empty.sha256"
    empty.write_text("# nothing listed\n")
    with pytest.raises(BrokerError, match="lists no jars"):
        broker._verify_jars(libs, empty)


def test_jars_fetched_before_are_checked_again(libs: Path) -> None:
    """The fast path (jars already fetched for this recipe) still refuses jars changed since."""
    (libs / ".complete").write_text(broker._recipe_digest() + "\n")
    with pytest.raises(BrokerError, match=r"sha256: .*missing kafka_2\.13-.*unexpected a-1\.0"):
        broker.fetch_jars(libs)


def test_the_pom_pins_exact_versions_and_the_list_has_every_jar_with_its_sha256() -> None:
    pom = ET.parse(broker.POM).getroot()
    properties = {
        child.tag.split("}")[1]: (child.text or "").strip()
        for child in pom.find("m:properties", POM_NS) or []
    }
    dependencies = pom.findall("m:dependencies/m:dependency", POM_NS)
    assert dependencies
    listed = {}
    for line in broker.JARS_SHA256.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split()
            assert re.fullmatch(r"[0-9a-f]{64}", digest), line
            assert re.fullmatch(r".+-\d[\w.-]*\.jar", name), line
            listed[name] = digest
    for dependency in dependencies:
        artifact = dependency.findtext("m:artifactId", namespaces=POM_NS)
        raw = dependency.findtext("m:version", default="", namespaces=POM_NS).strip()
        version = re.sub(r"\$\{([^}]+)\}", lambda m: properties[m.group(1)], raw)
        # no range, LATEST/RELEASE or SNAPSHOT: the same pom resolves the same jars every time
        assert EXACT_VERSION.match(version), (artifact, raw)
        assert f"{artifact}-{version}.jar" in listed, artifact
    # the plugin that copies the jars is pinned too, and Maven verifies transfer checksums
    source = Path(broker.__file__).read_text()
    assert re.search(r"maven-dependency-plugin:\d+\.\d+\.\d+:copy-dependencies", source)
    assert '"--strict-checksums"' in source
