"""The review console: a small server-rendered web application over `screening.review`."""
