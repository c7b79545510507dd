"""Light pages: static files under fingerprinted names, cached for a year and sent compressed.

At start-up every file of the site's static folder and of Bootstrap's (its CSS, JS and icons;
not the other themes) is copied once into `instance/assets/` under a name carrying a hash of its
content (`app.3f2a9c1b04de.css`) and compressed there (Brotli and gzip, WhiteNoise's own
compressor). WhiteNoise serves that folder at /assets/ with `Cache-Control: public,
max-age=31536000, immutable`: a browser never asks again, and a changed file gets a new name.
`url_for('static', …)` and `url_for('bootstrap.static', …)` give the fingerprinted address.
HTML pages are compressed per response by Flask-Compress (Brotli or gzip).
"""

import hashlib
import shutil
from pathlib import Path

from flask import Flask, request
from flask_compress import Compress
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

URL_PREFIX = "/assets/"
A_YEAR = 365 * 24 * 60 * 60
SKIPPED_SUFFIXES = {".map", ".scss"}  # source maps and sources: never referenced by a page
COMPRESSED_SUFFIXES = {".br", ".gz"}

compress = Compress()


class AssetServer(WhiteNoise):
    # WhiteNoise's own "forever" is ten years; a year is what HTTP caches are told to expect.
    FOREVER = A_YEAR


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    compress.init_app(app)

    build = Path(app.instance_path) / "assets"
    urls = _fingerprint(_sources(app), build)
    app.wsgi_app = AssetServer(
        app.wsgi_app,
        root=str(build),
        prefix=URL_PREFIX,
        max_age=A_YEAR,
        immutable_file_test=lambda path, url: True,  # every name there carries its hash
    )
    plain_url_for = app.url_for

    def url_for(endpoint: str, **values):
        # flask.url_for passes its own options (_external=False, _anchor=None…) along.
        options = {k: v for k, v in values.items() if k.startswith("_") and v}
        key = (endpoint, values.get("filename"))
        only_filename = len(values) - sum(k.startswith("_") for k in values) == 1
        if key in urls and only_filename and set(options) <= {"_external"}:
            host = request.host_url.rstrip("/") if options else ""
            return host + urls[key]
        return plain_url_for(endpoint, **values)

    app.url_for = url_for  # flask.url_for asks current_app.url_for
    app.jinja_env.globals["url_for"] = url_for


def _sources(app: Flask) -> list[tuple[str, Path, str]]:
    """(endpoint, folder, prefix in the build, which files) of each static folder in use."""
    sources = [("static", Path(app.static_folder), "", lambda relative: True)]
    bootstrap = app.blueprints.get("bootstrap")
    if bootstrap is not None and bootstrap.static_folder:
        sources.append(
            ("bootstrap.static", Path(bootstrap.static_folder), "bootstrap/", _bootstrap_file)
        )
    return sources


def _bootstrap_file(relative: Path) -> bool:
    """Bootstrap's CSS and JS and the icon font; not its other themes nor the 1 MB sprite."""
    return relative.parts[0] in ("css", "js", "umd") and "bootswatch" not in relative.parts


def _fingerprint(sources, build: Path) -> dict[tuple[str, str], str]:
    urls = {}
    compressor = Compressor(quiet=True)
    for endpoint, folder, prefix, wanted in sources:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if not path.is_file() or path.suffix in SKIPPED_SUFFIXES or not wanted(relative):
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            name = (relative.parent / f"{path.stem}.{digest}{path.suffix}").as_posix()
            target = build / prefix / name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(f".{target.name}.part")
                shutil.copyfile(path, partial)
                if compressor.should_compress(str(target)):
                    for written in compressor.compress(str(partial)):
                        Path(written).replace(str(target) + Path(written).suffix)
                partial.replace(target)  # last: a present file is a complete one
            urls[endpoint, relative.as_posix()] = f"{URL_PREFIX}{prefix}{name}"
    return urls
