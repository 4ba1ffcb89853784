"""The payer directory: a folder of ``<payer_id>.payer.yaml`` and ``<payer_id>.ivr-map.yaml`` files.

The bundled folder ships inside the package; ``payerline eval --payers DIR``
points at any other folder laid out the same way.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PAYER_FILE_SUFFIX = ".payer.yaml"
IVR_MAP_SUFFIX = ".ivr-map.yaml"


def bundled_payers_dir() -> Path:
    """Return the folder of payer files shipped with the package."""
    return Path(str(resources.files("payerline.payers")))


def payer_file_paths(folder: Path) -> list[Path]:
    """Return the payer files in ``folder``, sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"payer folder {folder} does not exist; pass a folder of *{PAYER_FILE_SUFFIX} files")
    return sorted(folder.glob(f"*{PAYER_FILE_SUFFIX}"))


def ivr_map_path(folder: Path, payer_id: str) -> Path | None:
    """Return the IVR map of ``payer_id`` in ``folder``, or None when there is none."""
    path = Path(folder) / f"{payer_id}{IVR_MAP_SUFFIX}"
    return path if path.is_file() else None
