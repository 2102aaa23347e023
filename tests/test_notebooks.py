"""The analysts' notebooks: stored without outputs, and each runs top to bottom on the
example data without an error, a warning or a file left behind.

The kernel is the interpreter running the tests: its spec is installed into a temporary
prefix with ``sys.executable`` (never a ``python3`` kernel found elsewhere on the machine).
The notebooks run concurrently, each in its own kernel, to keep the suite fast.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import default

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = (
    "00_prise_en_main",
    "01_referentiel_sur_mesure",
    "02_campagne_federation",
    "03_sensibilite",
    "04_dossier_esus",
)
#: Seconds a cell may take (the slowest writes the example campaign: a few seconds).
CELL_TIMEOUT = 180
#: Folders the notebooks may write to beside themselves (git-ignored).
OUTPUT_FOLDERS = ("_sortie", ".ipynb_checkpoints")
PROBE = "interpreter"


@dataclass
class Run:
    """One notebook executed: the notebook with its outputs, the error, the time."""

    notebook: nbformat.NotebookNode
    error: BaseException | None
    seconds: float


def test_the_notebooks_are_numbered_in_order() -> None:
    names = [path.stem for path in PATHS]
    assert set(EXPECTED) <= set(names)
    for number, name in enumerate(names):
        assert re.fullmatch(rf"{number:02d}_[a-z0-9_]+", name), name


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], cell.source[:60]
        assert cell.execution_count is None, cell.source[:60]


def _files_beside_notebooks() -> set[Path]:
    return {
        path.relative_to(NOTEBOOKS)
        for path in NOTEBOOKS.rglob("*")
        if path.is_file() and path.relative_to(NOTEBOOKS).parts[0] not in OUTPUT_FOLDERS
    }


def _probe() -> nbformat.NotebookNode:
    """A one-cell notebook printing the kernel's interpreter."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.executable)"))
    return notebook


def _manager_class(kernels: Path) -> type[AsyncKernelManager]:
    """A kernel manager that looks for kernel specs in ``kernels`` only."""

    class Manager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _only_these_kernels(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[str(kernels)])

    return Manager


async def _execute(
    notebooks: dict[str, nbformat.NotebookNode], kernels: Path, env: dict[str, str]
) -> dict[str, Run]:
    manager = _manager_class(kernels)

    async def run(notebook: nbformat.NotebookNode) -> Run:
        client = NotebookClient(
            notebook,
            kernel_name="python3",
            kernel_manager_class=manager,
            timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        start = time.perf_counter()
        try:
            await client.async_execute(env=env)
        except Exception as error:  # reported by the test of this notebook
            return Run(notebook, error, time.perf_counter() - start)
        return Run(notebook, None, time.perf_counter() - start)

    names = list(notebooks)
    runs = await asyncio.gather(*(run(notebooks[name]) for name in names))
    return dict(zip(names, runs, strict=True))


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every notebook executed once, concurrently, in kernels of this interpreter."""
    from ipykernel.kernelspec import install

    prefix = tmp_path_factory.mktemp("jupyter")
    install(kernel_name="python3", prefix=str(prefix))
    kernels = prefix / "share" / "jupyter" / "kernels"
    temporary = tmp_path_factory.mktemp("tmp")
    env = {
        **os.environ,
        # The notebooks' temporary folders go here, to check they remove them.
        "TMPDIR": str(temporary),
        "IPYTHONDIR": str(tmp_path_factory.mktemp("ipython")),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    notebooks = {path.stem: nbformat.read(path, as_version=4) for path in PATHS}
    notebooks[PROBE] = _probe()
    before = _files_beside_notebooks()
    start = time.perf_counter()
    runs = asyncio.run(_execute(notebooks, kernels, env))
    elapsed = time.perf_counter() - start
    times = ", ".join(f"{name} {run.seconds:.1f} s" for name, run in runs.items())
    print(f"\nNotebooks executed in {elapsed:.1f} s ({times})")
    assert _files_beside_notebooks() == before, "a notebook wrote beside the notebooks"
    left = sorted(path.name for path in temporary.iterdir() if "utilite-sociale" in path.name)
    assert not left, f"temporary folders left behind: {left}"
    return runs


def test_the_kernel_is_this_interpreter(executed: dict[str, Run]) -> None:
    run = executed[PROBE]
    assert run.error is None, run.error
    (output,) = run.notebook.cells[0].outputs
    assert output.text.strip() == sys.executable


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_runs_top_to_bottom(path: Path, executed: dict[str, Run]) -> None:
    run = executed[path.stem]
    assert run.error is None, f"{path.name}:\n{run.error}"
    for cell in run.notebook.cells:
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None, cell.source[:60]
        for output in cell.outputs:
            # A warning or a message on stderr is shown to the analyst in red: none.
            assert output.output_type != "error", cell.source[:60]
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"{path.name}, cell « {cell.source[:60]} »: {output.text}"
            )
