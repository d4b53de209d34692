#!/usr/bin/env python
"""Execute notebooks in place so their committed outputs (plots, grids, tables) are current.

Cells carrying a test flag from settings.ini (`tst_flags`, e.g. `cuda`, `slow`) are skipped, as `nbdev_test` skips them,
unless named with `--flags`. Run `nbdev_clean` afterwards. Usage: `python .ci/execute.py nbs/00_schedules.ipynb [...] [--flags slow] [--skip CELL_ID ...]`."""
import argparse, os, sys, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.config import get_config
from nbdev.process import NBProcessor

def _skip(flags, ids=()):
    def f(cell):
        if cell.cell_type != 'code' or cell.get('id') in ids: return True
        d = getattr(cell, 'directives_', {}) or {}
        if d.get('eval:', [''])[0].lower() == 'false': return True
        return bool(flags & d.keys())
    return f

def _collapse(outputs):
    "Keep only the last state of each line of streams redrawn with carriage returns (progress bars)."
    for o in outputs:
        if o.get('output_type') == 'stream':
            txt = ''.join(o['text']) if isinstance(o['text'], list) else o['text']
            o['text'] = '\n'.join(l.rstrip('\r').split('\r')[-1] for l in txt.split('\n'))
    return outputs

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('nbs', nargs='+')
    p.add_argument('--flags', default='', help='space separated test flags to run anyway')
    p.add_argument('--skip', nargs='*', default=[], help='ids of cells not to run (they keep their outputs), e.g. a slow one already run')
    a = p.parse_args()
    cfg = get_config()
    flags = set(cfg.tst_flags.split()) - set(a.flags.split())
    sys.path.insert(0, str(cfg.config_path))
    for fn in [Path(f).absolute() for f in a.nbs]:  # absolute before the chdir below
        t0 = time.time()
        nb = NBProcessor(fn, process=True).nb  # parses directives into cell.directives_
        os.chdir(fn.parent)
        sh = CaptureShell(fn, mpl_format='png')  # 1x PNGs keep the committed notebooks small
        sh.run_all(nb, exc_stop=True, preproc=_skip(flags, set(a.skip)))
        raw = read_nb(fn)  # write outputs into the unprocessed notebook, keeping sources exactly as written
        skip = _skip(flags, set(a.skip))
        for c, r in zip(nb.cells, raw.cells):  # cells that did not run (flagged) keep the outputs they had
            if r.cell_type == 'code' and not skip(c): r['outputs'], r['execution_count'] = _collapse(c.get('outputs', [])), c.get('execution_count')
        write_nb(raw, fn)
        print(f'{fn.name}: {time.time()-t0:.1f}s')

if __name__ == '__main__': main()
