#!/usr/bin/python3
"""Writes expected.json: what Ansible's own templating gives for every case of the Jinja corpus.

Run by hand with Debian's ansible-core (see README.md), never at test time:

    /usr/bin/python3 engine/src/test/jinja-corpus/generate.py

Each case file (corpus-*.yml, holdout-*.yml) holds shared `vars`, a default `mode` and `cases` (id: input,
or id: {input, mode, vars}); every case also sees vars.yml and playbook_dir (this folder). Every case is run
through ansible.template.Templar the way Ansible runs it:

  native  a task argument, with jinja2_native on: a value that is exactly one expression keeps its type
  text    the template module: AnsibleEnvironment, trim_blocks, trailing newlines kept, always a string
  when    a task's `when` (also failed_when/changed_when/until/assert): Conditional.evaluate_conditional
          with Ansible's default Templar; the result is its truthiness

The result is recorded with its Python type, or the error class and message when Ansible refuses it.
"""
import hashlib
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = ("corpus", "holdout")  # corpus-*.yml, then holdout-*.yml (written after the corpus)
PLACEHOLDER = "@CORPUS@"

# What the test's JVM sees too (engine/pom.xml sets the same environment for surefire).
os.environ["RUNBOOK_CORPUS_ENV"] = "from-the-environment"
os.environ["TZ"] = "UTC"
time.tzset()
os.environ["ANSIBLE_DEPRECATION_WARNINGS"] = "False"
os.environ["ANSIBLE_DUPLICATE_YAML_DICT_KEY"] = "error"
os.environ["ANSIBLE_NOCOLOR"] = "1"
os.chdir(HERE)

import ansible  # noqa: E402
import jinja2  # noqa: E402
from ansible import constants as C  # noqa: E402
from ansible.parsing.dataloader import DataLoader  # noqa: E402
from ansible.playbook.conditional import Conditional  # noqa: E402
from ansible.template import AnsibleEnvironment, Templar  # noqa: E402
from ansible.utils.display import Display  # noqa: E402

MODES = ("native", "text", "when")


def loader():
    data_loader = DataLoader()
    data_loader.set_basedir(HERE)
    return data_loader


LOADER = loader()


def templar(variables, native):
    """A Templar as a task gets it; native=True is jinja2_native (ANSIBLE_JINJA2_NATIVE=True)."""
    saved = C.DEFAULT_JINJA2_NATIVE
    C.DEFAULT_JINJA2_NATIVE = native
    try:
        return Templar(loader=LOADER, variables=variables)
    finally:
        C.DEFAULT_JINJA2_NATIVE = saved


def run_native(text, variables):
    return templar(variables, True).template(text)


def run_text(text, variables):
    # as ansible/plugins/action/template.py renders a template file (default options)
    searchpath = [os.path.join(HERE, "templates"), HERE]  # the playbook's folder, as the action plugin adds it
    base = templar(variables, False)
    data_templar = base.copy_with_new_env(environment_class=AnsibleEnvironment, searchpath=searchpath,
                                          newline_sequence="\n", trim_blocks=True, lstrip_blocks=False,
                                          available_variables=variables)
    return data_templar.do_template(text, preserve_trailing_newlines=True, escape_backslashes=False)


def run_when(text, variables):
    conditional = Conditional(loader=LOADER)
    conditional.when = [text]
    return bool(conditional.evaluate_conditional(templar(variables, False), variables))


RUNNERS = {"native": run_native, "text": run_text, "when": run_when}


class Unrepresentable(Exception):
    pass


def type_name(value):
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "dict"
    return "other:" + type(value).__name__


def plain(value):
    """The value as JSON data (str, int, float, bool, None, list, dict with str keys), paths made portable."""
    kind = type_name(value)
    if kind == "str":
        return str(value).replace(HERE, PLACEHOLDER)
    if kind in ("None", "bool", "int"):
        return value if kind != "int" else int(value)
    if kind == "float":
        return float(value)
    if kind == "list":
        return [plain(v) for v in value]
    if kind == "dict":
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise Unrepresentable("a dict key that is not a string: %r" % (key,))
            out[str(key)] = plain(item)
        return out
    raise Unrepresentable("a %s: %r" % (type(value).__name__, value))


def evaluate(mode, text, variables):
    try:
        value = RUNNERS[mode](text, variables)
    except Exception as e:  # Ansible refused it: that is the expected result
        message = str(e).replace(HERE, PLACEHOLDER)
        return {"error": type(e).__name__, "message": message.splitlines()[0] if message else ""}
    if " at 0x" in repr(value):
        raise Unrepresentable("non-deterministic result %r" % (value,))
    return {"type": type_name(value), "value": plain(value)}


def merged(*layers):
    out = {}
    for layer in layers:
        out.update(layer or {})
    return out


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return LOADER.load(f.read(), file_name=path) or {}


def cases_of(set_name, seen):
    for rel in sorted(os.listdir(HERE)):
        if not (rel.startswith(set_name + "-") and rel.endswith(".yml")):
            continue
        doc = load_yaml(os.path.join(HERE, rel))
        file_vars = doc.get("vars") or {}
        default_mode = doc.get("mode", "native")
        for case_id, body in (doc.get("cases") or {}).items():
            if case_id in seen:
                sys.exit("%s: case id %s is also in %s" % (rel, case_id, seen[case_id]))
            seen[case_id] = rel
            spec = body if isinstance(body, dict) else {"input": body}
            mode = spec.get("mode", default_mode)
            if mode not in MODES or not isinstance(spec.get("input"), str):
                sys.exit("%s: case %s needs a string input and a mode of %s" % (rel, case_id, MODES))
            yield rel, file_vars, case_id, mode, spec


def main():
    Display().verbosity = 0
    try:
        import jmespath  # noqa: F401  (json_query needs it)
    except ImportError:
        sys.exit("json_query needs JMESPath: apt-get install -y python3-jmespath")
    if collection_version("community.general") == "not installed":
        sys.exit("json_query comes from community.general: apt-get install -y ansible")
    common = load_yaml(os.path.join(HERE, "vars.yml"))
    out_cases, sources, file_vars_out = [], {"vars.yml": sha256(os.path.join(HERE, "vars.yml"))}, {}
    seen = {}
    for set_name in SETS:
        for rel, file_vars, case_id, mode, spec in cases_of(set_name, seen):
            if rel not in sources:
                sources[rel] = sha256(os.path.join(HERE, rel))
                file_vars_out[rel] = plain(file_vars)
            variables = merged(common, {"playbook_dir": HERE}, file_vars, spec.get("vars"))
            try:
                result = evaluate(mode, spec["input"], variables)
            except Unrepresentable as e:
                sys.exit("%s: case %s: Ansible returned %s; change the case" % (rel, case_id, e))
            record = {"id": case_id, "set": set_name, "file": rel, "mode": mode}
            if spec.get("vars"):
                record["vars"] = plain(spec["vars"])
            record.update(result)
            out_cases.append(record)
    header = {
        "oracle": "ansible-core %s, Jinja2 %s, Python %s" % (ansible.__version__, jinja2.__version__,
                                                            sys.version.split()[0]),
        "collections": {"community.general": collection_version("community.general")},
        "generator": "engine/src/test/jinja-corpus/generate.py",
        "placeholder": PLACEHOLDER,
        "env": {"RUNBOOK_CORPUS_ENV": os.environ["RUNBOOK_CORPUS_ENV"], "TZ": "UTC"},
        "sources": sources,
        "vars": {"vars.yml": plain(common), **file_vars_out},
    }
    write(header, out_cases)
    counts = {}
    for case in out_cases:
        key = (case["set"], "error" if "error" in case else "value")
        counts[key] = counts.get(key, 0) + 1
    print("expected.json: %d cases (%s) with %s" % (len(out_cases), ", ".join(
        "%s %s: %d" % (k[0], k[1], v) for k, v in sorted(counts.items())), header["oracle"]))


def collection_version(name):
    """The version of an installed collection (json_query comes from community.general), or 'not installed'."""
    namespace, collection = name.split(".")
    try:
        module = __import__("ansible_collections.%s.%s" % (namespace, collection), fromlist=["x"])
        with open(os.path.join(os.path.dirname(module.__file__), "MANIFEST.json"), encoding="utf-8") as f:
            return json.load(f)["collection_info"]["version"]
    except (ImportError, OSError, KeyError, TypeError):
        return "not installed"


def dumps(value):
    # NaN and Infinity are written as such (the test's JSON reader allows them)
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def write(header, cases):
    """One case per line, so a regenerated file diffs case by case."""
    lines = ["{"]
    for key, value in header.items():
        lines.append("  %s: %s," % (json.dumps(key), dumps(value)))
    lines.append('  "cases": [')
    lines.append(",\n".join("    " + dumps(case) for case in cases))
    lines.append("  ]")
    lines.append("}")
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
