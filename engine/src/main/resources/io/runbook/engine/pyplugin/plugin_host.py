# The engine's Python filter and test plugins host: one JSON request a line on stdin, one JSON answer a line on
# stdout. Requests: {"op": "load", "kind": "filter"|"test", "dir": D} loads D's *.py plugin files;
# {"op": "list", "kind": K, "dir": D} the names D's files define, not kept;
# {"op": "collection", "kind": K, "name": "ns.coll", "roots": [R...]} loads a collection's plugins/<K>/*.py (its
# answer's "warnings" are Ansible's for the files that failed to load);
# {"op": "call", "kind": K, "name": N, "value": V, "args": [...], "kwargs": {...}} calls one;
# {"op": "vars", "dirs": [D...], "path": P, "entities": [["host"|"group", NAME]...], "stage": S, "basedir": B,
# "roots": [R...]} runs the vars plugins on P as Ansible's get_vars_from_path does (host_group_vars aside: the engine's).
# Answers: {"ok": true, ...} or {"ok": false, "error": TEXT}, with "displayed" when a plugin showed something through
# Ansible's display meanwhile (runbook_display's, display_hook.py). Ends at the end of stdin.
import importlib.util
import json
import os
import sys
import traceback

from runbook_display import hook_display, take

protocol = sys.stdout
sys.stdout = sys.stderr  # a plugin's print() must not break the protocol
found = {"filter": {}, "test": {}, "lookup": {}}
lookup_dirs = []  # the lookup folders in the order found: Ansible's loader searches them in this order
ansible_core = {}
loaded = set()


def plain(value):
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, (str, int, float, bool)) and k is not None else k: plain(v)
                for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "keys") and hasattr(value, "__getitem__"):
        return plain(dict(value))
    if hasattr(value, "__iter__"):
        return [plain(v) for v in value]
    return str(value)


def plugin_functions(path, kind, package=None):
    """A plugin file's functions; package: the dotted package a collection's file is loaded in, as Ansible loads it
    (its __name__ is ansible_collections.NS.COLL.plugins.KIND.FILE). Any other file's __name__ is Ansible's
    ansible.plugins.KIND.HASH_FILE (its PluginLoader names a filter or test file by its path's hash, so that files of
    the same name do not shadow each other), and it is in sys.modules while it loads, as Ansible's."""
    base = os.path.basename(path)[:-3]
    name = package + base if package else "ansible.plugins.%s.%d_%s" % (kind, abs(hash(path)), base)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception:
        del sys.modules[name]
        raise
    holder = getattr(module, "FilterModule" if kind == "filter" else "TestModule", None)
    if holder is None:
        return {}
    return (holder().filters() if kind == "filter" else holder().tests()) or {}


def load_dir(folder, kind, prefix="", failed=None, package=None):
    """Loads folder's plugin files: the names found and why files failed; each failure's (module name, exception)
    is added to failed too."""
    names, problems = [], []
    if not os.path.isdir(folder):
        return names, problems
    for entry in sorted(os.listdir(folder)):
        path = os.path.join(folder, entry)
        if not entry.endswith(".py") or entry.startswith("_") or (kind, path) in loaded:
            continue
        loaded.add((kind, path))
        if kind == "lookup":
            if folder not in lookup_dirs:
                lookup_dirs.append(folder)
            if prefix + entry[:-3] not in found[kind]:
                found[kind][prefix + entry[:-3]] = path
                names.append(prefix + entry[:-3])
            continue
        try:
            functions = plugin_functions(path, kind, package)
        except Exception as e:
            problems.append("%s: %s: %s" % (path, type(e).__name__, e))
            if failed is not None:
                failed.append((entry[:-3], e))
            continue
        for name, function in functions.items():
            if prefix + name not in found[kind]:
                found[kind][prefix + name] = function
                names.append(prefix + name)
    return names, problems


def list_dir(folder, kind):
    """The names folder's plugin files define, the files run but their plugins not kept (a role's, known before it
    is loaded)."""
    names, problems = [], []
    for entry in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if entry.endswith(".py") and not entry.startswith("_"):
            try:
                names.extend(plugin_functions(os.path.join(folder, entry), kind))
            except Exception as e:
                problems.append("%s: %s: %s" % (entry, type(e).__name__, e))
    return {"ok": True, "names": names, "problems": problems}


def collection(request):
    ns, coll = request["name"].split(".", 1)
    roots = list(request.get("roots", [])) + [p for p in sys.path if p]
    for root in roots:
        folder = os.path.join(root, "ansible_collections", ns, coll)
        if os.path.isdir(folder):
            if root not in sys.path:
                sys.path.append(root)  # the collection's own imports: ansible_collections.ns.coll.plugins...
            failed = []
            names, problems = load_dir(os.path.join(folder, "plugins", request["kind"]), request["kind"],
                                       request["name"] + ".", failed,
                                       "ansible_collections.%s.%s.plugins.%s." % (ns, coll, request["kind"]))
            # Ansible's Jinja2Loader warns so for each file of the collection it fails to load, whenever it looks
            # for one of the collection's names
            warnings = ["Skipping %s plugins in %s.%s'; an error occurred while loading: %s"
                        % (request["kind"], request["name"], module, e) for module, e in failed]
            return {"ok": True, "names": names, "problems": problems, "warnings": warnings}
    return {"ok": True, "names": [], "problems": [], "warnings": []}


def call(request):
    function = found[request["kind"]].get(request["name"])
    if function is None:
        return {"ok": False, "error": "no %s named %s" % (request["kind"], request["name"])}
    passed = getattr(function, "jinja_pass_arg", None) or next(
        (w for w in ("contextfilter", "environmentfilter", "evalcontextfilter") if getattr(function, w, False)), None)
    if passed is not None:
        return {"ok": False, "error": "%s %s asks for Jinja's %s, which the engine's templates do not have"
                % (request["kind"], request["name"], getattr(passed, "name", passed))}
    try:
        result = function(request["value"], *request["args"], **request["kwargs"])
        if request["kind"] == "test":
            result = bool(result)
        return {"ok": True, "result": plain(result)}
    except Exception as e:
        ansible = any(c.__name__ == "AnsibleError" and c.__module__ == "ansible.errors" for c in type(e).__mro__)
        message = getattr(e, "message", None) if ansible else None
        if not isinstance(message, str):
            message = str(e)
        if not message:
            message = type(e).__name__
        return {"ok": False, "error": message, "trace": traceback.format_exc()}


def ansible(roots):
    """The controller's ansible-core, imported once: its lookup loader searches the lookup folders found, and its
    collection finder the run's collection folders."""
    if not ansible_core:
        configured = os.environ.get("ANSIBLE_COLLECTIONS_PATH", os.environ.get("ANSIBLE_COLLECTIONS_PATHS"))
        os.environ["ANSIBLE_COLLECTIONS_PATH"] = os.pathsep.join(
            list(roots) + ([configured] if configured else ["~/.ansible/collections", "/usr/share/ansible/collections"]))
        try:
            from ansible import errors
            from ansible.parsing.dataloader import DataLoader
            from ansible.plugins.loader import lookup_loader
            from ansible.template import Templar
        except ImportError as e:
            raise LookupFailure("the controller's %s has no ansible-core (%s), which runs the playbook's Python "
                                "lookup plugins" % (sys.executable, e))
        ansible_core.update(errors=errors, DataLoader=DataLoader, loader=lookup_loader, Templar=Templar, dirs=[])
        hook_display()
    for folder in lookup_dirs:
        if folder not in ansible_core["dirs"]:
            ansible_core["dirs"].append(folder)
            ansible_core["loader"].add_directory(folder)
    return ansible_core


class LookupFailure(Exception):
    pass


def lookup(request):
    """A lookup run as Ansible 2.14's Templar._lookup runs it (a with_ loop's as its task executor: no wrapping)."""
    call = request["call"]
    name = request["name"]
    try:
        core = ansible(request.get("roots", []))
    except LookupFailure as e:
        return {"ok": False, "error": str(e)}
    errors = core["errors"]
    variables = call.get("variables") or {}
    loader = core["DataLoader"]()
    loader.set_basedir(call.get("basedir") or os.getcwd())
    templar = core["Templar"](loader=loader, variables=variables)
    try:
        instance = core["loader"].get(name, loader=loader, templar=templar)
    except Exception as e:
        return {"ok": False, "error": "the lookup plugin %s could not be loaded: %s: %s" % (name, type(e).__name__, e),
                "trace": traceback.format_exc()}
    if instance is None:
        return {"ok": False, "error": "lookup plugin (%s) not found" % name}
    kwargs = call.get("kwargs") or {}
    mode = call.get("errors") or "strict"
    try:
        if call.get("loop"):
            kwargs = dict(kwargs, wantlist=True)
        ran = instance.run(call.get("terms") or [], variables=variables, **kwargs)
    except Exception as e:
        if call.get("loop") or isinstance(e, (errors.AnsibleUndefinedVariable, errors.AnsibleOptionsError)) \
                or type(e).__name__ == "UndefinedError":
            return {"ok": False, "error": message(e), "trace": traceback.format_exc()}
        if isinstance(e, errors.AnsibleLookupError):
            text = message(e)
            ignored = "Lookup failed but the error is being ignored: %s" % text
        else:
            text = "An unhandled exception occurred while running the lookup plugin '%s'. Error was a %s, original " \
                   "message: %s" % (name, type(e), e)
            ignored = text
            text = message(errors.AnsibleError(text, orig_exc=e))
        if mode == "warn":
            return {"ok": True, "result": None, "warning": ignored}
        if mode == "ignore":
            return {"ok": True, "result": None, "warning": None}
        return {"ok": False, "error": text, "trace": traceback.format_exc()}
    if isinstance(ran, (str, bytes)) or not hasattr(ran, "__iter__"):
        ran = [ran]
    # a mapping stays one (Ansible's lookup() joins its keys, wantlist keeps it)
    return {"ok": True, "result": plain(ran), "warning": None}


def vars_of(request):
    """The vars plugins' variables for one path and its entities: ansible-core's own get_vars_from_path, so its
    enabling rules (vars_plugins_enabled, REQUIRES_ENABLED), stages (run_vars_plugins, a plugin's stage) and warnings
    are Ansible's; the builtin host_group_vars gives nothing here, the engine reads those files itself."""
    try:
        core = ansible(request.get("roots", []))
    except LookupFailure as e:
        return {"ok": False, "error": str(e)}
    if "vars" not in core:
        from ansible.inventory.group import Group
        from ansible.inventory.host import Host
        from ansible.plugins.loader import vars_loader
        from ansible.vars import plugins
        own = plugins.get_plugin_vars

        def get_plugin_vars(loader, plugin, path, entities):
            if getattr(plugin, "ansible_name", "") == "ansible.builtin.host_group_vars":
                return {}
            return own(loader, plugin, path, entities)
        plugins.get_plugin_vars = get_plugin_vars
        core.update(vars=plugins, vars_loader=vars_loader, Host=Host, Group=Group)
    for folder in request.get("dirs", []):
        core["vars_loader"].add_directory(folder)
    if request.get("basedir"):
        from ansible.utils.collection_loader import AnsibleCollectionConfig
        AnsibleCollectionConfig.playbook_paths = request["basedir"]
    entities = [core["Host"](name) if kind == "host" else core["Group"](name) for kind, name in request["entities"]]
    loader = core["DataLoader"]()
    loader.set_basedir(request.get("basedir") or os.getcwd())
    try:
        data = core["vars"].get_vars_from_path(loader, request["path"], entities, request["stage"])
    except Exception as e:
        # as ansible-playbook shows it: an AnsibleError's message, else an unexpected exception (exit code 250)
        frame = traceback.extract_tb(e.__traceback__)[-1]
        known = isinstance(e, core["errors"].AnsibleError)
        return {"ok": False, "error": message(e) if known else "Unexpected Exception, this is probably a bug: %s" % e,
                "unexpected": not known, "file": frame.filename, "line": frame.lineno}
    return {"ok": True, "vars": plain(data)}


def message(e):
    """An exception's text as ansible-playbook shows it: an AnsibleError's message (with its original exception's)."""
    text = getattr(e, "message", None)
    if not isinstance(text, str):
        text = str(e)
    return text or type(e).__name__


def answer(request):
    op = request.get("op")
    if op == "load":
        names, problems = load_dir(request["dir"], request["kind"])
        return {"ok": True, "names": names, "problems": problems}
    if op == "list":
        return list_dir(request["dir"], request["kind"])
    if op == "collection":
        return collection(request)
    if op == "call":
        return call(request)
    if op == "lookup":
        return lookup(request)
    if op == "vars":
        return vars_of(request)
    return {"ok": False, "error": "unknown request %r" % op}


for line in sys.stdin:
    take()
    hook_display()
    try:
        reply = answer(json.loads(line))
        shown = take()
        if shown:
            reply["displayed"] = shown
        text = json.dumps(reply, allow_nan=True)
    except Exception as e:
        text = json.dumps({"ok": False, "error": "%s: %s" % (type(e).__name__, e)})
    protocol.write(text + "\n")
    protocol.flush()
