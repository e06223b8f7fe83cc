"""The page template and its style sheet: inline CSS, no script, nothing fetched.

A Content-Security-Policy in the page forbids scripts and remote loads.
"""

from __future__ import annotations

from string import Template

from credscore.report.legend import BANDS, KIND_COLOURS


def css() -> str:
    """The style sheet: the fixed rules, then one colour rule per source kind and per band."""
    kinds = "\n".join(f".src-{k}{{background:{c}}}" for k, c in KIND_COLOURS.items())
    bands = "\n".join(f".band-{b}{{background:{c}}}" for b, _, c in BANDS)
    return _STYLE + kinds + "\n" + bands + "\n.band-none{background:#e0e0e0}\n"


_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;background:#fafafa;margin:0}
main{max-width:980px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:19px;margin:0 0 4px;overflow-wrap:anywhere}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#555;margin:0 0 6px}
.meta{color:#666;font-size:13px;margin:0 0 8px;overflow-wrap:anywhere}
.legend{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;font-size:13px;margin:10px 0 18px}
.legend>div{margin:3px 0}.legend .hint{color:#666}
.key{display:inline-block;margin:2px 12px 2px 0;white-space:nowrap}
.swatch{display:inline-block;width:12px;height:12px;border:1px solid rgba(0,0,0,.25);border-radius:2px;margin-right:4px;vertical-align:-1px}
.article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:16px 20px;margin:0 0 24px}
.failed{border-color:#d9534f}.error{color:#a4161a;overflow-wrap:anywhere}
.warnings{color:#8a5a00;font-size:13px;margin:0 0 8px;padding-left:18px}
.summary{display:grid;grid-template-columns:1fr 1fr;gap:24px;margin:10px 0 16px}
.row{display:grid;grid-template-columns:150px 1fr 86px;align-items:center;gap:8px;font-size:13px;margin:3px 0}
.row .label{color:#333;text-decoration:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.row .label:hover{text-decoration:underline}
.row .value{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}
.track{position:relative;display:block;height:12px;background:#eee;border-radius:3px;overflow:hidden}
.track .fill{position:absolute;top:0;bottom:0;display:block;border-radius:3px}
.fill.pos{background:#5aa469}.fill.neg{background:#d9534f}.fill.comp{background:#7a8fb3}
.tick{position:absolute;top:0;bottom:0;width:1px;background:rgba(0,0,0,.45)}
.stacked{display:flex}.stack{display:block;height:100%}
.chip{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;line-height:18px;color:#1d1d1d;white-space:nowrap}
.err-chip{background:#f5aaa2;border-radius:8px;padding:0 6px;font-size:12px}
.article-text{font:16px/2.05 Georgia,"Times New Roman",serif;white-space:pre-wrap;overflow-wrap:anywhere;border-top:1px solid #eee;padding-top:12px}
.src{border-radius:3px;padding:1px 0;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.hedge{text-decoration:underline wavy #b8860b;text-decoration-thickness:1.5px;text-underline-offset:3px}
.verif-neg{border-bottom:3px double #c62828}
.verif-pos{border-bottom:2px solid #2e7d32}
.boiler{color:#7a7a7a;background:#f2f2f2}
.boiler.src{background:#eee}
.bp-label::before{content:attr(data-label);font:600 10px/1 system-ui,sans-serif;color:#777;border:1px solid #bbb;border-radius:3px;padding:1px 3px;margin-right:4px;vertical-align:2px;white-space:nowrap}
.badge{display:inline-block;text-decoration:none;color:#1d1d1d;font:600 10.5px/15px system-ui,sans-serif;padding:0 4px;margin:0 3px 0 3px;border-radius:7px;border:1px solid rgba(0,0,0,.2);vertical-align:1px;white-space:nowrap}
.badge::after{content:attr(data-label)}
.badge:hover,.badge:target{outline:2px solid #333}
.sources{margin-top:14px}.sources ul{margin:4px 0 12px;padding-left:18px;font-size:14px}.sources li{overflow-wrap:anywhere}
.notes{font-size:13px;color:#333;border-top:1px solid #eee;padding-top:8px}
.notes summary{cursor:pointer;font-weight:600;color:#555}
.notes li{margin:4px 0;overflow-wrap:anywhere}.notes li:target{background:#fff7d6}
.claim-text{font-style:italic}.keep{white-space:nowrap}.facts{color:#666}.terms{margin:2px 0;padding-left:18px}
.back{text-decoration:none;font-weight:600}
.toc{font-size:14px}
@media (max-width:760px){.summary{grid-template-columns:1fr}}
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="credscore">
<title>$title</title>
<style>$css</style>
</head>
<body><main>
$body
</main></body>
</html>
""")
