#!/usr/bin/env python
"""README.md is generated from nbs/index.ipynb by this script (Quarto's `nbdev_readme` needs Quarto; this does not).

    python .ci/readme.py            # write README.md
    python .ci/readme.py --check    # exit 1 if README.md is not what index.ipynb gives
    python .ci/readme.py --commands setup|test|main   # print the commands of that README block, one per line

A Quarto diagram block (```{mermaid}) becomes GitHub's (```mermaid), which GitHub draws and any other viewer shows as
plain text. A markdown cell's fenced ```sh block that follows a line `<!-- cmd: NAME -->` is the README's NAME command block:
.ci/run executes the `setup` and `test` blocks verbatim, so CI installs and tests exactly as README says.

Links: index.ipynb is the site's home page, so its relative links are the site's, relative to nbs/ (`cli.html`,
`blog/index.html`). README is read on GitHub and in a clone, where those pages do not exist: each relative `NAME.html`
becomes the notebook that page is made from (nbdev names a page by its notebook's path minus a number prefix such as
`08_` or `02a_`: `cli.html` -> `nbs/08_cli.ipynb`, `blog/index.html` -> `nbs/blog/index.ipynb`; an `#anchor` is
dropped), and any other relative link gets the `nbs/` prefix. A link no notebook makes, or one that names no file of
the repository, stops both writing and `--check`."""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NB, README = ROOT/'nbs'/'index.ipynb', ROOT/'README.md'
_dir = re.compile(r'^\s*#\s*\|\s*(\S+)')

def _src(c): return ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def _directives(src): return [m.group(1) for l in src.splitlines() if (m := _dir.match(l))]

def _output(o):
    "Markdown for one code-cell output: stdout, markdown and plain reprs; images and html are left to the website, stderr (progress bars, warnings) out."
    if o['output_type'] == 'stream':
        txt = ''.join(o['text']).rstrip()
        return '```\n' + txt + '\n```' if o.get('name') != 'stderr' and txt.strip() else ''
    d = o.get('data', {})
    if 'text/markdown' in d: return ''.join(d['text/markdown']).strip()
    if 'text/plain' in d and not ({'image/png', 'text/html'} & d.keys()): return '```\n' + ''.join(d['text/plain']).rstrip() + '\n```'
    return ''

def _page(nb:Path) -> str:
    "The site page nbdev makes from notebook `nb` (a path under nbs/), as nbdev.doclinks._nbpath2html names it."
    return nb.with_name(re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.name.lower())).with_suffix('.html').as_posix()

def pages() -> dict:
    "{site page: its notebook, relative to the repository}, for every notebook under nbs/."
    nbs = ROOT/'nbs'
    return {_page(p.relative_to(nbs)): p.relative_to(ROOT).as_posix() for p in sorted(nbs.rglob('*.ipynb'))
            if not any(q.startswith(('.', '_')) for q in p.relative_to(nbs).parts)}

_link = re.compile(r'(\]\()([^)\s]+)(\))')
_fence = re.compile(r'^```.*?^```', re.S | re.M)
def _relative(url:str) -> bool: return not re.match(r'^[a-zA-Z][a-zA-Z0-9+.-]*:|^#|^/', url)

def _outside_fences(md:str, f) -> str:
    "`md` with `f` applied to the text outside fenced code blocks."
    out, i = [], 0
    for m in _fence.finditer(md): out += [f(md[i:m.start()]), m.group()]; i = m.end()
    return ''.join(out + [f(md[i:])])

def readme_links(md:str, site:dict=None) -> str:
    "Markdown of index.ipynb with its relative site links made links of the repository (see the module's docstring)."
    site = site or pages()
    def fix(m):
        url = m.group(2)
        if not _relative(url): return m.group()
        path = url.split('#')[0]
        if path.endswith('.html'):
            if path not in site: sys.exit(f'nbs/index.ipynb links to {url}, which no notebook under nbs/ makes (nbdev names the page of nbs/08_cli.ipynb cli.html)')
            return m.group(1) + site[path] + m.group(3)
        return m.group(1) + 'nbs/' + url + m.group(3)
    return _outside_fences(md, lambda t: _link.sub(fix, t))

def dead_links(text:str) -> list:
    "The relative links of markdown `text` (outside code blocks) that name no file or folder of the repository."
    urls = [m.group(2) for m in _link.finditer(_fence.sub('', text))]
    return [u for u in urls if _relative(u) and not (ROOT/u.split('#')[0]).exists()]

def render(nb_path=NB):
    cells, parts = json.loads(Path(nb_path).read_text())['cells'], []
    for c in cells:
        src = _src(c)
        if c['cell_type'] == 'raw': continue  # front matter
        if c['cell_type'] == 'markdown': parts.append(readme_links(src.strip().replace('```{mermaid}', '```mermaid'))); continue
        ds = _directives(src)
        if 'hide' in ds or 'exporti' in ds or 'export' in ds: continue
        code = '\n'.join(l for l in src.splitlines() if not _dir.match(l)).strip()
        if code and 'hide_input' not in ds: parts.append('```python\n' + code + '\n```')
        if 'hide_output' not in ds: parts += [m for o in c.get('outputs', []) if (m := _output(o))]
    head = '# cf_guidance\n\n<!-- WARNING: THIS FILE WAS AUTOGENERATED FROM nbs/index.ipynb BY .ci/readme.py! DO NOT EDIT! -->\n'
    body = '\n\n'.join(p for p in parts if p)
    body = re.sub(r'^# cf_guidance\n+', '', body)  # the title is in the header
    text = head + '\n' + body.strip() + '\n'
    if dead := dead_links(text): sys.exit(f'README.md would link to what is not in the repository: {", ".join(dead)}')
    return text

def commands(name, text=None):
    "The lines of README's fenced block marked `<!-- cmd: name -->`."
    text = text or README.read_text()
    m = re.search(r'<!-- cmd: ' + re.escape(name) + r' -->\s*```(?:sh|bash)\n(.*?)```', text, re.S)
    if not m: sys.exit(f'README.md has no `<!-- cmd: {name} -->` block')
    return [l for l in m.group(1).splitlines() if l.strip() and not l.lstrip().startswith('#')]

if __name__ == '__main__':
    a = sys.argv[1:]
    if a[:1] == ['--commands']: print('\n'.join(commands(a[1])))
    elif a == ['--check']:
        if dead := dead_links(README.read_text()): sys.exit(f'README.md links to what is not in the repository: {", ".join(dead)}')
        if README.read_text() != render(): sys.exit('README.md is out of step with nbs/index.ipynb: run `python .ci/readme.py`')
        print('README.md is in step with nbs/index.ipynb')
    elif not a: README.write_text(render()); print(f'wrote {README}')
    else: sys.exit(__doc__)
