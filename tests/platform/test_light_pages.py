"""Light pages (issue 8): compressed HTML, CSS and JS; static files under fingerprinted names,
cached for a year; the first visit ≤ 100 KB on the wire, the next page ≤ 15 KB and no asset
asked again."""

import re

BROWSER = {"Accept-Encoding": "br, gzip"}
ASSET = re.compile(r'(?:href|src)="(/[^"]+\.(?:css|js|svg))"')


def transferred(response) -> int:
    return len(response.get_data())  # the body as sent: compressed when the client asked


def assets_of(page: str) -> list[str]:
    return ASSET.findall(page)


def decoded(response) -> str:
    import brotli

    data = response.get_data()
    if response.headers.get("Content-Encoding") == "br":
        data = brotli.decompress(data)
    return data.decode()


def test_the_login_page_and_its_assets_are_small_and_cached_for_a_year(client, school):
    page = client.get("/s/s1/login", headers=BROWSER)
    assert page.status_code == 200
    assert page.headers["Content-Encoding"] == "br"
    total = transferred(page)
    urls = assets_of(decoded(page))
    assert any(u.endswith(".css") for u in urls) and any(u.endswith(".js") for u in urls)
    for url in urls:
        asset = client.get(url, headers=BROWSER)
        assert asset.status_code == 200, url
        # A name carrying a hash of the content, and a year without asking again.
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg)$", url), url
        cache = asset.headers["Cache-Control"]
        assert re.search(r"max-age=31536000\b", cache), cache
        assert "immutable" in cache and "public" in cache
        assert "Cookie" not in asset.headers.get("Vary", "")
        if url.endswith((".css", ".js")):
            assert asset.headers.get("Content-Encoding") in ("br", "gzip"), url
        total += transferred(asset)
        asset.close()
    assert total <= 100 * 1024, f"первая загрузка: {total} байт"


def test_the_next_page_is_small_and_needs_no_asset_again(client, make, auth, school):
    make.account(school, "curator", roles=["curator"])
    login_page = decoded(client.get("/s/s1/login", headers=BROWSER))
    auth.login(school, "curator")
    home = client.get("/s/s1/", headers=BROWSER)
    assert home.status_code == 200
    assert transferred(home) <= 15 * 1024, f"вторая страница: {transferred(home)} байт"
    # Every asset of the second page was already fetched, immutable: nothing is revalidated.
    assert set(assets_of(decoded(home))) <= set(assets_of(login_page))


def test_a_changed_file_gets_a_new_name(tmp_path):
    from nastavnik.assets import _fingerprint

    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "app.css").write_text("body { color: black }" * 50)
    first = _fingerprint([("static", folder, "", lambda r: True)], tmp_path / "build")
    (folder / "app.css").write_text("body { color: navy }" * 50)
    second = _fingerprint([("static", folder, "", lambda r: True)], tmp_path / "build")
    assert first["static", "app.css"] != second["static", "app.css"]
    name = second["static", "app.css"].removeprefix("/assets/")
    assert (tmp_path / "build" / name).exists() and (tmp_path / "build" / f"{name}.gz").exists()
