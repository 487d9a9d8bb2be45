#!/usr/bin/env python3
"""Repack Debian python3-* binary packages (.deb) into installable wheels.

Used by the offline python:3.13-slim stand-in (see README.md next to this file): Debian's
trixie packages of FastAPI, uvicorn and their dependencies become a pip "find-links"
wheelhouse, so `pip install -r requirements.txt` works without PyPI.

The .debs are grouped by Debian source package (so e.g. python3-cffi-backend, which has no
metadata of its own, goes into the cffi wheel of python3-cffi). For each group: extract the
debs with dpkg-deb, take the single *.dist-info (or legacy *.egg-info) under
usr/lib/python3/dist-packages, and write

    <name>-<version>-<tag>.whl   (name normalised as the wheel spec requires)

containing every file of that dist-packages tree (minus bytecode) plus a fresh .dist-info:
METADATA (Version normalised: Debian's "8.2.0+0.really.8.1.8" becomes "8.1.8"; direct-URL
requirements "x @ git+https://..." reduced to "x"), WHEEL
(py3-none-any, or cpXY-cpXY-linux_<arch> when an extension module is present), the
original entry_points.txt / top_level.txt, and a RECORD with sha256 hashes and sizes.

--requires NAME=REQ adds "Requires-Dist: REQ" to NAME's metadata, for dependencies Debian's
metadata lost (its cleo declares none, yet imports rapidfuzz).

With --expect FILE (lines "name==version"), fail unless the wheelhouse holds exactly those
distributions at exactly those versions (extra wheels are allowed, missing/mismatched not).
"""
from __future__ import annotations

import argparse
import base64
import email.parser
import email.policy
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

GENERATOR = "dockwright-repack-debs 1.0"
# Fixed timestamp: wheels are byte-for-byte reproducible for the same input debs.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
SKIP_INFO_FILES = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json", "WHEEL", "METADATA",
                   "PKG-INFO", "requires.txt", "SOURCES.txt", "dependency_links.txt",
                   "not-zip-safe", "zip-safe"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_escape(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def upstream_version(version: str) -> str:
    """Debian sometimes encodes a downgrade as '8.2.0+0.really.8.1.8'; keep the real one."""
    m = re.search(r"really[.+~]?(.+)$", version)
    return m.group(1) if m else version


def parse_headers(text: str):
    return email.parser.Parser(policy=email.policy.compat32).parsestr(text)


def egg_requires_to_dist(requires_txt: str) -> list[str]:
    """Convert setuptools' requires.txt to Requires-Dist header values."""
    out, section = [], ""
    for raw in requires_txt.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        extra, _, marker = section.partition(":")
        markers = []
        if marker:
            markers.append(f"({marker})" if " or " in marker else marker)
        if extra:
            markers.append(f'extra == "{extra}"')
        out.append(line + ("; " + " and ".join(markers) if markers else ""))
    return out


def rewrite_metadata(text: str, version: str, extra_requires: list[str]) -> str:
    head, sep, body = text.partition("\n\n")
    lines, seen_requires = [], False
    for line in head.splitlines():
        if line.startswith("Version:"):
            line = f"Version: {version}"
        if line.startswith("Requires-Dist:"):
            seen_requires = True
            # "name @ git+https://..." cannot be met offline; Debian met it with its own package
            line = re.sub(r"^(Requires-Dist:\s*[A-Za-z0-9._-]+(?:\[[^\]]*\])?)\s*@\s*[^;]*?\s*(;.*)?$",
                          lambda m: m.group(1) + (" " + m.group(2) if m.group(2) else ""), line)
        lines.append(line)
    if extra_requires and not seen_requires:
        extras = sorted({re.search(r'extra == "([^"]+)"', r).group(1)
                         for r in extra_requires if 'extra == "' in r})
        lines += [f"Provides-Extra: {e}" for e in extras
                  if f"Provides-Extra: {e}" not in lines]
        lines += [f"Requires-Dist: {r}" for r in extra_requires]
    return "\n".join(lines) + "\n" + (sep + body if sep else "\n")


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def resolve(path: Path, root: Path) -> Path | None:
    """Follow a symlink inside the extracted package, or onto the live system."""
    target = os.readlink(path)
    cand = Path(target) if os.path.isabs(target) else (path.parent / target)
    if os.path.isabs(target):
        inside = root / target.lstrip("/")
        if inside.exists():
            return inside.resolve()
    return cand.resolve() if cand.exists() else None


def deb_source(deb: Path) -> str:
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Source"], check=True,
                            capture_output=True, text=True).stdout
    info = dict(line.split(": ", 1) for line in fields.splitlines() if ": " in line)
    return info.get("Source", info["Package"]).split(" ")[0]


def repack(debs: list[Path], out: Path, add_requires: dict[str, list[str]]) -> tuple[str, str, Path]:
    deb = debs[0]  # for messages
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for d in debs:
            subprocess.run(["dpkg-deb", "-x", str(d), str(root)], check=True)
        site_dirs = [p for p in (root / "usr/lib/python3/dist-packages",
                                 *root.glob("usr/lib/python3.*/dist-packages")) if p.is_dir()]
        if len(site_dirs) != 1:
            raise SystemExit(f"{deb.name}: expected one dist-packages dir, found {site_dirs}")
        site = site_dirs[0]
        infos = sorted([*site.glob("*.dist-info"), *site.glob("*.egg-info")])
        if len(infos) != 1:
            raise SystemExit(f"{deb.name}: expected one .dist-info/.egg-info, found {infos}")
        info = infos[0]

        if info.suffix == ".dist-info":
            meta_text = (info / "METADATA").read_text(encoding="utf-8")
            extra_requires = []
        else:
            meta_text = (info / "PKG-INFO").read_text(encoding="utf-8")
            req = info / "requires.txt"
            extra_requires = egg_requires_to_dist(req.read_text()) if req.exists() else []
        meta = parse_headers(meta_text)
        name, version = meta["Name"], upstream_version(meta["Version"])
        meta_text = rewrite_metadata(meta_text, version, extra_requires)
        for req in add_requires.get(canonical(name), []):
            head, sep, body = meta_text.partition("\n\n")
            meta_text = f"{head}\nRequires-Dist: {req}{sep}{body}"

        # Collect payload files (everything in dist-packages except the metadata dir).
        payload: list[tuple[str, bytes, int]] = []
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site)
            if rel.parts[0] == info.name or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
                continue
            if path.is_symlink():
                real = resolve(path, root)
                if real is None:
                    print(f"warning: {deb.name}: dangling symlink {rel} skipped", file=sys.stderr)
                    continue
                if real.is_dir():
                    continue  # rglob does not descend into symlinked dirs; rare, not needed here
                payload.append((rel.as_posix(), real.read_bytes(), real.stat().st_mode))
            elif path.is_file():
                payload.append((rel.as_posix(), path.read_bytes(), path.stat().st_mode))

        exts = [p for p, _, _ in payload if p.endswith(".so")]
        platform = "linux_" + os.uname().machine
        py = f"cp{sys.version_info.major}{sys.version_info.minor}"
        if any(re.search(r"\.cpython-\d+", p) for p in exts):
            m = re.search(r"\.cpython-(\d)(\d+)-([a-z0-9_]+)-linux", " ".join(exts))
            if not m:
                raise SystemExit(f"{deb.name}: cannot derive a wheel tag from {exts}")
            py = f"cp{m.group(1)}{m.group(2)}"
            tag, purelib = f"{py}-{py}-linux_{m.group(3)}", "false"
        elif exts:  # only stable-ABI (.abi3.so) or untagged extension modules
            tag, purelib = f"{py}-abi3-{platform}", "false"
        else:
            tag, purelib = "py3-none-any", "true"

        dist = wheel_escape(name)
        info_dir = f"{dist}-{version}.dist-info"
        files = list(payload)
        files.append((f"{info_dir}/METADATA", meta_text.encode(), 0o644))
        files.append((f"{info_dir}/WHEEL", (
            f"Wheel-Version: 1.0\nGenerator: {GENERATOR}\nRoot-Is-Purelib: {purelib}\nTag: {tag}\n"
        ).encode(), 0o644))
        for extra in sorted(info.iterdir()):
            if extra.is_file() and extra.name not in SKIP_INFO_FILES:
                files.append((f"{info_dir}/{extra.name}", extra.read_bytes(), 0o644))
        for lic in sorted(info.glob("licenses/**/*")):
            if lic.is_file():
                files.append((f"{info_dir}/{lic.relative_to(info).as_posix()}", lic.read_bytes(), 0o644))

        record = [f"{p},{record_hash(d)},{len(d)}" for p, d, _ in files]
        record.append(f"{info_dir}/RECORD,,")
        files.append((f"{info_dir}/RECORD", ("\n".join(record) + "\n").encode(), 0o644))

        out.mkdir(parents=True, exist_ok=True)
        whl = out / f"{dist}-{version}-{tag}.whl"
        if whl.exists():
            raise SystemExit(f"{deb.name}: {whl} already exists (same distribution twice?)")
        with zipfile.ZipFile(whl, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for p, data, mode in files:
                zi = zipfile.ZipInfo(p, date_time=ZIP_DATE)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = ((0o755 if mode & 0o111 else 0o644) | 0o100000) << 16
                zf.writestr(zi, data)
        return name, version, whl


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path, help="wheelhouse directory")
    ap.add_argument("--expect", type=Path, help="file of name==version lines that must all be present")
    ap.add_argument("--requires", action="append", default=[], metavar="NAME=REQ",
                    help="add a Requires-Dist to a distribution (repeatable)")
    ap.add_argument("debs", nargs="+", type=Path)
    args = ap.parse_args()
    add_requires: dict[str, list[str]] = {}
    for item in args.requires:
        n, _, req = item.partition("=")
        add_requires.setdefault(canonical(n), []).append(req)

    groups: dict[str, list[Path]] = {}
    for deb in args.debs:
        group = groups.setdefault(deb_source(deb), [])
        if deb.resolve() not in [d.resolve() for d in group]:
            group.append(deb)

    built: dict[str, str] = {}
    for source, debs in sorted(groups.items()):
        name, version, whl = repack(debs, args.out, add_requires)
        if canonical(name) in built:
            raise SystemExit(f"{name} comes from two source packages")
        built[canonical(name)] = version
        print(f"{' + '.join(d.name for d in debs)} -> {whl.name}")

    if args.expect:
        present = dict(built)
        for whl in args.out.glob("*.whl"):  # wheels copied in from elsewhere count too
            n, v = whl.name.split("-")[:2]
            present.setdefault(canonical(n), v)
        bad = []
        for line in args.expect.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            n, _, v = line.partition("==")
            got = present.get(canonical(n))
            if got != v:
                bad.append(f"{n}: expected {v}, wheelhouse has {got or 'nothing'}")
        if bad:
            print("wheelhouse does not match " + str(args.expect) + ":\n  " + "\n  ".join(bad), file=sys.stderr)
            return 1
        print(f"wheelhouse matches {args.expect}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
