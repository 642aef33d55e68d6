import json, sys, os, shlex
# usage: tocases.py target...  -> prints cases.yml fragment from /tmp/compat/rec/<t>.jsonl
def q(a):
    return shlex.quote(a) if (not a or any(ch in a for ch in ' \'"{}[]:#,&*!|>%@`')) else a
for t in sys.argv[1:]:
    path = f"/tmp/compat/rec/{t}.jsonl"
    if not os.path.exists(path):
        print(f"# {t}: no record"); continue
    work = f"/tmp/compat/rec/work-{t}"
    tdir = f"{work}/targets/{t}"
    seen = []
    recs = [json.loads(l) for l in open(path)]
    out = []
    for i, r in enumerate(recs):
        if "args" not in r: continue
        rc = recs[i+1].get("rc") if i+1 < len(recs) and "rc" in recs[i+1] else None
        cwd = os.path.relpath(r["cwd"], tdir)
        args = []
        for a in r["args"]:
            if a.startswith(work):
                a = os.path.relpath(a, r["cwd"])
            elif a.startswith("@" + work):
                a = "@" + os.path.relpath(a[1:], r["cwd"])
            args.append(a)
        env = {k: v for k, v in r["env"].items() if k not in ("ANSIBLE_FORCE_COLOR",)}
        for k, v in list(env.items()):
            if v.startswith(work): env[k] = os.path.relpath(v, r["cwd"])
        key = (tuple(args), tuple(sorted(env.items())), cwd)
        if key in seen: continue
        seen.append(key)
        line = " ".join(q(a) for a in args)
        if env or cwd != ".":
            e = "{" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in sorted(env.items())) + "}"
            s = f"  - args: {json.dumps(line)}\n"
            if env: s += f"    env: {e}\n"
            if cwd != ".": s += f"    cwd: {cwd}\n"
            out.append(s.rstrip("\n") + f"   # ansible rc={rc}")
        else:
            out.append(f"  - {json.dumps(line)}   # ansible rc={rc}")
    print(f"{t}:")
    print("\n".join(out))
