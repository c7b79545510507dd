"""Lists the packages of the three code folders under the one import package `nastavnik`.

`platform/` has no __init__.py on purpose (it would shadow the standard library's `platform`),
so the package list is built here from the folder mapping in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup

ROOTS = {"nastavnik": "platform", "nastavnik.tenants": "tenants", "nastavnik.admin": "admin"}
HERE = Path(__file__).parent


def find_packages():
    found = []
    for name, folder in ROOTS.items():
        root = HERE / folder
        found.append(name)
        for init in sorted(root.rglob("__init__.py")):
            rel = init.parent.relative_to(root)
            if rel.parts and rel.parts[0] not in ("templates", "static"):
                found.append(".".join((name, *rel.parts)))
    return found


setup(
    packages=find_packages(),
    package_data={"": ["templates/**/*", "static/**/*", "data/*"]},
)
