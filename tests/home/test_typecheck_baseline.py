"""The type-check ratchet (.ci/typecheck, run by `make test`): mypy's errors are compared with
the written baseline without line numbers; a new error fails, a fixed one asks for the
baseline to shrink, and --update never lets it grow. Sample mypy output stands in for mypy
here (the real run is `make typecheck`)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import tomllib
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_script():
    loader = importlib.machinery.SourceFileLoader("ci_typecheck", str(ROOT / ".ci" / "typecheck"))
    spec = importlib.util.spec_from_loader("ci_typecheck", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


typecheck = load_script()

TODAY = """\
roadmap/views.py:45: error: "object" has no attribute "slug"  [attr-defined]
roadmap/views.py:47: error: "object" has no attribute "slug"  [attr-defined]
roadmap/assessment.py:118: error: Unsupported operand types for - ("None" and "int")  [operator]
roadmap/assessment.py:118: note: Left operand is of type "int | None"
home/forms.py:12:5: error: Name "x" already defined on line 3  [no-redef]
Found 4 errors in 3 files (checked 114 source files)
"""

BASELINE = typecheck.format_baseline(typecheck.normalise(TODAY))


def test_errors_are_named_by_file_code_and_message_without_line_numbers():
    assert typecheck.normalise(TODAY) == Counter(
        {
            'roadmap/views.py: [attr-defined] "object" has no attribute "slug"': 2,
            'roadmap/assessment.py: [operator] Unsupported operand types for - ("None" and "int")': 1,
            'home/forms.py: [no-redef] Name "x" already defined on line N': 1,
        }
    )
    assert BASELINE.splitlines()[-3:] == [
        'home/forms.py: [no-redef] Name "x" already defined on line N',
        'roadmap/assessment.py: [operator] Unsupported operand types for - ("None" and "int")',
        'roadmap/views.py: [attr-defined] "object" has no attribute "slug"  (x2)',
    ]
    assert typecheck.parse_baseline(BASELINE) == typecheck.normalise(TODAY)


def test_an_error_of_an_unknown_shape_is_kept_whole_rather_than_dropped():
    odd = "pyproject.toml: error: unrecognised option"
    assert typecheck.normalise(odd) == Counter({odd: 1})


def test_the_same_errors_on_other_lines_pass(capsys):
    moved = TODAY.replace(":45:", ":90:").replace(":118:", ":7:")
    status = typecheck.check(typecheck.normalise(moved), typecheck.parse_baseline(BASELINE))
    assert status == 0
    assert "no new errors (4 left in the baseline)" in capsys.readouterr().out


def test_a_new_error_fails_and_is_printed(capsys):
    grown = TODAY + 'events/forms.py:9: error: "Field" has no attribute "choices"  [attr-defined]\n'
    status = typecheck.check(typecheck.normalise(grown), typecheck.parse_baseline(BASELINE))
    out = capsys.readouterr().out
    assert status == 1
    assert "1 new error(s)" in out
    assert 'events/forms.py: [attr-defined] "Field" has no attribute "choices"' in out
    assert "fixed:" not in out


def test_one_more_of_a_known_error_is_new_too(capsys):
    grown = TODAY + 'roadmap/views.py:80: error: "object" has no attribute "slug"  [attr-defined]\n'
    status = typecheck.check(typecheck.normalise(grown), typecheck.parse_baseline(BASELINE))
    assert status == 1
    assert (
        'roadmap/views.py: [attr-defined] "object" has no attribute "slug"'
        in capsys.readouterr().out
    )


def test_a_fixed_error_fails_until_the_baseline_shrinks(capsys):
    fixed = "\n".join(line for line in TODAY.splitlines() if "assessment.py:118: error" not in line)
    status = typecheck.check(typecheck.normalise(fixed), typecheck.parse_baseline(BASELINE))
    out = capsys.readouterr().out
    assert status == 1
    assert "fixed: remove these lines from the baseline" in out
    assert "roadmap/assessment.py: [operator]" in out
    assert "new error" not in out


@pytest.fixture
def baseline_file(tmp_path, monkeypatch):
    path = tmp_path / "mypy-baseline.txt"
    path.write_text(BASELINE, encoding="utf-8")
    monkeypatch.setattr(typecheck, "BASELINE", path)
    monkeypatch.setattr(typecheck, "ROOT", tmp_path)
    return path


def mypy_says(monkeypatch, output: str, status: int = 1) -> None:
    monkeypatch.setattr(typecheck, "run_mypy", lambda: (status, output))


def test_update_shrinks_the_baseline(baseline_file, monkeypatch):
    one_fixed = "\n".join(line for line in TODAY.splitlines() if "views.py:47" not in line)
    mypy_says(monkeypatch, one_fixed)
    assert typecheck.main(["--update"]) == 0
    text = baseline_file.read_text(encoding="utf-8")
    assert 'roadmap/views.py: [attr-defined] "object" has no attribute "slug"\n' in text
    assert "(x2)" not in text
    assert typecheck.main([]) == 0


def test_update_refuses_to_let_the_baseline_grow(baseline_file, monkeypatch, capsys):
    mypy_says(monkeypatch, TODAY + "search/views.py:3: error: Oops  [misc]\n")
    assert typecheck.main(["--update"]) == 1
    assert "search/views.py: [misc] Oops" in capsys.readouterr().out
    assert baseline_file.read_text(encoding="utf-8") == BASELINE


def test_a_mypy_that_did_not_run_is_not_a_pass(baseline_file, monkeypatch, capsys):
    mypy_says(monkeypatch, "/.venv/bin/python: No module named mypy", status=1)
    assert typecheck.main([]) == 2
    assert "make install" in capsys.readouterr().out
    mypy_says(monkeypatch, "mypy: error: unrecognized arguments", status=2)
    assert typecheck.main([]) == 2


def test_the_committed_baseline_is_in_its_written_form():
    """Hand edits keep the file sorted, counted and free of line numbers."""
    text = (ROOT / ".ci" / "mypy-baseline.txt").read_text(encoding="utf-8")
    assert typecheck.format_baseline(typecheck.parse_baseline(text)) == text


def test_mypy_checks_every_app():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    apps = config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert sorted(config["tool"]["mypy"]["files"]) == sorted(apps)
    assert config["tool"]["django-stubs"]["django_settings_module"] == "site.settings"
