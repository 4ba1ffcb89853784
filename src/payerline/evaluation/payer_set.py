"""Load a payer directory into what the eval, the demo and ``payerline call`` run against."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from payerline.errors import PayerFileError, UsageError
from payerline.evaluation.runner import EvalPayer
from payerline.evaluation.sandbox_facts import ivr_fields_for, profile_of, readout_fields

logger = logging.getLogger(__name__)


def load_eval_payers(folder: Path | None, *, use_ivr_maps: bool = True, only: str | None = None) -> list[EvalPayer]:
    """Load every payer file in ``folder`` (the bundled payers when None), sorted by payer id.

    Each payer's IVR map is the ``<payer_id>.ivr-map.yaml`` beside it, if
    present and ``use_ivr_maps`` is set. With ``only``, a folder that has
    ``<only>.payer.yaml`` loads just that file (a payer file is named after
    its payer id), so one call does not parse every payer of the folder.

    Raises:
        UsageError: if the folder does not exist or contains no payer file.
        PayerFileError: if a payer file or IVR map is invalid.
    """
    from payerline.payers.directory import PAYER_FILE_SUFFIX, bundled_payers_dir, ivr_map_path, payer_file_paths
    from payerline.payers.ivr_map import load_ivr_map
    from payerline.sandbox.payer_file import load_payer_file

    folder = bundled_payers_dir() if folder is None else folder
    if folder.is_file():
        raise UsageError(f"payer directory {folder} is a file, not a directory; pass the directory that contains it")
    if not folder.is_dir():
        raise UsageError(f"payer directory {folder} does not exist; pass a folder of *.payer.yaml files")
    paths = payer_file_paths(folder)
    if only is not None and folder / f"{only}{PAYER_FILE_SUFFIX}" in paths:
        paths = [folder / f"{only}{PAYER_FILE_SUFFIX}"]
    if not paths:
        nested = sorted({path.parent.name for path in folder.glob(f"*/*{PAYER_FILE_SUFFIX}")})
        if nested:
            # eval-payers/ has one folder per author, and the set to run is one of them.
            examples = ", ".join(f"{folder / name}" for name in nested[:3]) + (" ..." if len(nested) > 3 else "")
            raise UsageError(f"payer directory {folder} contains no *.payer.yaml file, but {len(nested)} of its "
                             f"subfolders do; pass one of them, such as {examples}")
        raise UsageError(f"payer directory {folder} contains no *.payer.yaml file; add one or pass another folder")

    payers: list[EvalPayer] = []
    failures: list[PayerFileError] = []
    for path in paths:
        try:
            payer = load_payer_file(path)
            map_path = ivr_map_path(folder, payer.payer_id) if use_ivr_maps else None
            ivr_map = load_ivr_map(map_path) if map_path is not None else None
        except PayerFileError as error:
            failures.append(error)  # every bad file is reported, not only the first
            continue
        payers.append(EvalPayer(payer=payer, ivr_map=ivr_map, profile=profile_of(payer),
                                ivr_fields=ivr_fields_for(payer), ivr_possible=partial(readout_fields, payer)))
        logger.info("loaded payer %s version %s (IVR map: %s)", payer.payer_id, payer.version,
                    ivr_map.version if ivr_map else "none")
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise UsageError(f"{len(failures)} of the {len(paths)} payer files in {folder} are invalid; fix each:\n"
                         + "\n".join(str(failure) for failure in failures))
    ids = [eval_payer.profile.payer_id for eval_payer in payers]
    duplicates = sorted({payer_id for payer_id in ids if ids.count(payer_id) > 1})
    if duplicates:
        raise UsageError(f"payer directory {folder} has several files for payer ids {duplicates}; keep one each")
    return sorted(payers, key=lambda eval_payer: eval_payer.profile.payer_id)
