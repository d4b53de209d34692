#!/usr/bin/env python
"""GitHub's CI (.github/workflows/test.yaml) and docs deploy (deploy.yaml) cannot run here; this checks that they set up
and test as README says, which is what .ci/run executes.

    python .ci/workflows.py --check    # exit 1, naming what differs, if a workflow is out of step with README or .ci/run

The rule, for each workflow's job that installs the package (test.yaml's `test`, deploy.yaml's `build`):
- it runs on actions/setup-python, with a Python no older than settings.ini's `min_python`, in place of README's
  virtual environment: so README's set-up block minus its first line (`python3 -m venv .venv && . .venv/bin/activate`)
  is the job's first run step's commands, verbatim and in order. A step may set environment variables (the
  workflows point pip at the CPU build of torch); the commands themselves are README's;
- its `env` exports the variables .ci/run exports, with the same values;
- test.yaml's last run step is README's test block, verbatim; deploy.yaml builds the site with `nbdev_docs` and
  uploads `_docs` (settings.ini's `doc_path`) with actions/upload-pages-artifact.
Commands are compared line by line, blank lines and comments left out (README's blocks as `.ci/readme.py --commands`
reads them)."""
import configparser, re, shlex, sys
from pathlib import Path
import yaml

ROOT = Path(__file__).resolve().parent.parent
WF = ROOT/'.github'/'workflows'
VENV = 'python3 -m venv .venv && . .venv/bin/activate' # README's set-up line that setup-python stands in for
sys.path.insert(0, str(ROOT/'.ci'))
from readme import commands

def _lines(run:str) -> list: return [l.strip() for l in run.splitlines() if l.strip() and not l.strip().startswith('#')]

def ci_env() -> dict:
    "The variables .ci/run exports: `{name: value}`."
    m = re.search(r'^export (.*)$', (ROOT/'.ci'/'run').read_text(), re.M)
    return dict(w.split('=', 1) for w in shlex.split(m.group(1)))

def _settings(): c = configparser.ConfigParser(); c.read(ROOT/'settings.ini'); return c['DEFAULT']

def _ver(s): return tuple(int(x) for x in str(s).split('.'))

def check_job(wf:str, job:str, setup:list, env:dict) -> list:
    "What differs between job `job` of workflow file `wf` and README's set-up, and .ci/run's environment."
    errs, cfg = [], _settings()
    try: j = yaml.safe_load((WF/wf).read_text())['jobs'][job]
    except (OSError, KeyError, TypeError) as e: return [f'{wf}: no job {job} ({e!r})']
    steps = j.get('steps', [])
    py = [s for s in steps if str(s.get('uses', '')).startswith('actions/setup-python@')]
    if not py: errs.append(f"{wf}, job {job}: no actions/setup-python step (README's venv line is left out only then)")
    else:
        v = (py[0].get('with') or {}).get('python-version')
        if v is None or _ver(v) < _ver(cfg['min_python']): errs.append(f"{wf}, job {job}: python-version {v!r} is older than settings.ini's min_python {cfg['min_python']}")
    got_env = {k: str(v) for k, v in (j.get('env') or {}).items()}
    if got_env != env: errs.append(f'{wf}, job {job}: env is {got_env}; .ci/run exports {env}')
    runs = [_lines(s['run']) for s in steps if 'run' in s]
    want = setup[1:] if setup[:1] == [VENV] else setup
    if not runs or runs[0] != want: errs.append(f"{wf}, job {job}: the first run step is {runs[0] if runs else None}; README's set-up without the venv line is {want}")
    return errs

def _steps(wf, job): return yaml.safe_load((WF/wf).read_text())['jobs'][job]['steps']

def check() -> list:
    "Everything that differs, as one line each."
    setup, test, env, doc = commands('setup'), commands('test'), ci_env(), _settings()['doc_path']
    errs = [] if setup[:1] == [VENV] else [f"README's set-up block no longer starts with {VENV!r}: update VENV and the rule in .ci/workflows.py"]
    errs += check_job('test.yaml', 'test', setup, env) + check_job('deploy.yaml', 'build', setup, env)
    try: t, d = [_lines(s['run']) for s in _steps('test.yaml', 'test') if 'run' in s], _steps('deploy.yaml', 'build')
    except (OSError, KeyError, TypeError): return errs # check_job named what is missing
    if not t or t[-1] != test: errs.append(f"test.yaml, job test: the last run step is {t[-1] if t else None}; README's test block is {test}")
    if not any('nbdev_docs' in _lines(s.get('run', '')) for s in d): errs.append('deploy.yaml, job build: no step runs nbdev_docs')
    up = [s for s in d if str(s.get('uses', '')).startswith('actions/upload-pages-artifact@')]
    if not up or (up[0].get('with') or {}).get('path') != doc:
        errs.append(f"deploy.yaml, job build: no actions/upload-pages-artifact step with path {doc} (settings.ini's doc_path)")
    return errs

if __name__ == '__main__':
    if sys.argv[1:] != ['--check']: sys.exit(__doc__)
    if errs := check(): sys.exit('FAIL: the workflows are out of step with README / .ci/run:\n  ' + '\n  '.join(errs))
    print('.github/workflows/test.yaml and deploy.yaml set up and test as README says, in .ci/run\'s environment')
