# The engine's Python callback plugins host: runs the callback plugins the engine has not of its own in the controller's
# ansible-core, fed the run's events with the objects ansible-playbook gives them. One JSON request a line on stdin,
# one JSON answer a line on stdout. Requests:
# {"op": "load", "stdout": NAME|null, "enabled": [NAME...], "own": [NAME...], "dirs": [D...], "roots": [R...],
# "basedir": B, "cli": {"check": C, "diff": D, "verbosity": V}} loads them as the TaskQueueManager's load_callbacks does
# (the stdout callback; those callbacks_enabled names; the folders' callbacks that need no enabling; own: the short
# names the engine shows itself), answering {"ok": true, "stdout": LOADED, "loaded": [NAME...]};
# {"op": "event", "event": E, ...} sends one event to each: play_start {"play": {...}}, task_start {"task": {...},
# "handler": H}, runner_start {"host": H}, result {"status": S, "item": I, "host": H, "delegate": D, "result": R,
# "diff": whether the task diffs, "diffs": [{before, after, ...}]}, retry {"host": H, "delegate": D, "result": R},
# vars_prompt {"name": N, "fields": {...}},
# stats {"stats": {HOST: {...}}, "custom": {...}}, and the plain ones (playbook_start {"file": F}, no_hosts_matched,
# no_hosts_remaining, notify {"handler": N, "host": H}, include {"file": F, "hosts": [H...], "item": I}).
# Answers carry "displayed": what the plugins showed through Ansible's display (runbook_display's), which the engine
# writes where ansible-playbook's display writes it. Ends at the end of stdin.
import json
import os
import sys
import traceback

from runbook_display import hook_display, take

protocol = sys.stdout
sys.stdout = sys.stderr  # a plugin's print() must not break the protocol
state = {"plugins": [], "hosts": {}, "play": None, "task": None, "items": {}}


def load(request):
    configured = os.environ.get("ANSIBLE_COLLECTIONS_PATH", os.environ.get("ANSIBLE_COLLECTIONS_PATHS"))
    os.environ["ANSIBLE_COLLECTIONS_PATH"] = os.pathsep.join(list(request.get("roots", [])) + (
        [configured] if configured else ["~/.ansible/collections", "/usr/share/ansible/collections"]))
    from ansible import context
    from ansible.module_utils.common.collections import ImmutableDict
    import ansible.utils.display  # noqa: F401 (hooked below)
    hook_display()
    cli = request.get("cli") or {}
    context.CLIARGS = ImmutableDict(check=bool(cli.get("check")), diff=bool(cli.get("diff")),
                                    verbosity=int(cli.get("verbosity") or 0), syntax=False, start_at_task=None,
                                    listhosts=False, listtasks=False, listtags=False, step=False)
    ansible.utils.display.Display().verbosity = int(cli.get("verbosity") or 0)
    from ansible.plugins.loader import callback_loader
    from ansible.utils.collection_loader import AnsibleCollectionConfig
    if request.get("basedir"):
        AnsibleCollectionConfig.playbook_paths = request["basedir"]
    for folder in request.get("dirs", []):
        callback_loader.add_directory(folder)
    loaded, stdout = [], None
    if request.get("stdout"):
        plugin = callback_loader.get(request["stdout"])
        if plugin is not None:
            plugin.set_options()
            state["plugins"].append(plugin)
            stdout = request["stdout"]
    own = set(request.get("own") or [])
    classes = []
    import ansible.plugins.callback as builtins
    builtin = os.path.dirname(os.path.abspath(builtins.__file__))  # ansible-core's own: the engine shows those
    for cls in callback_loader.all(class_only=True):
        if os.path.dirname(os.path.abspath(sys.modules[cls.__module__].__file__)) != builtin:
            classes.append((cls, False))
    for name in request.get("enabled", []):
        cls = callback_loader.get(name, class_only=True)
        if cls is None:
            ansible.utils.display.Display().warning("Skipping callback plugin '%s', unable to load" % name)
        elif cls not in [c for c, _ in classes]:
            classes.append((cls, True))
    enabled = request.get("enabled", [])
    for cls, named in classes:
        names = getattr(cls, "_redirected_names", None) or [getattr(cls, "_load_name", "")]
        name = names[0]
        short = name.rsplit(".", 1)[-1]
        needs = getattr(cls, "CALLBACK_NEEDS_ENABLED", getattr(cls, "CALLBACK_NEEDS_WHITELIST", False))
        if getattr(cls, "CALLBACK_TYPE", "") == "stdout" or short in own:
            continue
        if needs and not (named or name in enabled or getattr(cls, "_load_name", "") in enabled):
            continue
        try:
            plugin = cls()
            plugin.set_options()
            state["plugins"].append(plugin)
            loaded.append(name)
        except Exception as e:
            ansible.utils.display.Display().warning("Skipping callback '%s', unable to load due to: %s" % (name, e))
    return {"ok": True, "stdout": stdout, "loaded": loaded}


def host(name):
    from ansible.inventory.host import Host
    if name not in state["hosts"]:
        state["hosts"][name] = Host(name)
    return state["hosts"][name]


def positioned(obj, position):
    """obj's _ds at position (FILE:LINE), which its get_path() gives as Ansible's."""
    from ansible.parsing.yaml.objects import AnsibleMapping
    if position:
        ds = AnsibleMapping()
        path, _, line = position.rpartition(":")
        ds.ansible_pos = (path, int(line), 1)
        obj._ds = ds
    return obj


def play(spec):
    from ansible.playbook.play import Play
    p = Play()
    p.name = spec.get("name") or ""
    p.hosts = spec.get("hosts") or []
    p.strategy = spec.get("strategy") or "linear"
    p.check_mode = bool(spec.get("check"))
    p._uuid = spec.get("uuid") or p._uuid
    return positioned(p, spec.get("path"))


def task(spec):
    from ansible.playbook.block import Block
    from ansible.playbook.task import Task
    t = Task()
    t.name = spec.get("name") or ""
    t.action = spec.get("action") or ""
    t.resolved_action = t.action
    t.check_mode = bool(spec.get("check"))
    t.no_log = bool(spec.get("no_log"))
    t._uuid = spec.get("uuid") or t._uuid
    t._parent = Block(play=state["play"])
    return positioned(t, spec.get("path"))


class Stats:
    """AggregateStats as the play recap's."""

    def __init__(self, stats, custom):
        from ansible.executor.stats import AggregateStats
        self.value = AggregateStats()
        for name, counts in stats.items():
            self.value.processed[name] = 1
            for what, count in counts.items():
                if count:
                    getattr(self.value, what)[name] = count
        self.value.custom = custom or {}


def result(request):
    """The TaskResult of the engine's registered result, with the keys ansible-core's task executor adds."""
    from ansible.executor.task_result import TaskResult
    t = state["task"]
    data = dict(request.get("result") or {})
    status = request["status"]
    if request.get("item") is None or "include_args" not in data:  # an include's item has none, as Ansible's
        data.setdefault("changed", status == "changed")
    if "censored" in data:
        data["_ansible_no_log"] = True
    elif not request.get("summary") and status != "unreachable":
        data.setdefault("_ansible_no_log", False)
    if request.get("verbose") and "censored" not in data:
        data.setdefault("_ansible_verbose_always", True)
    if status == "skipped" and "skip_reason" not in data and "false_condition" in data:
        data.pop("false_condition")
        data["skip_reason"] = "Conditional result was False"
    if request.get("item") is not None:
        data.setdefault("_ansible_item_label", label(request["item"], data))
        data.setdefault("ansible_loop_var", "item")
        data.setdefault("item", request["item"])
        data.setdefault("failed", status == "failed")
        state["items"].setdefault(request["host"], []).append(dict(data))
    elif request.get("summary") and "results" not in data and "censored" not in data:
        data["results"] = state["items"].pop(request["host"], [])  # the items' results, as the loop's registers them
    if request.get("delegate"):
        data.setdefault("_ansible_delegated_vars", {"ansible_host": request["delegate"]})
    if request.get("diffs") and "diff" not in data:
        data["diff"] = request["diffs"] if len(request["diffs"]) > 1 else request["diffs"][0]
    if request.get("loop"):
        t.loop = "{{ runbook }}"
    return TaskResult(host(request["host"]), t, data, task_fields={"name": t.name})


def label(shown, data):
    """The item itself when the engine's label is it as text (Ansible's default label, "{{ item }}", keeps its type)."""
    var = data.get("ansible_loop_var", "item")
    if var in data and not isinstance(data[var], str) and shown in (str(data[var]), json.dumps(data[var]),
                                                                      json.dumps(data[var], separators=(",", ":"))):
        return data[var]
    return shown


EVENTS = {"ok": "v2_runner_on_ok", "changed": "v2_runner_on_ok", "failed": "v2_runner_on_failed",
          "skipped": "v2_runner_on_skipped", "unreachable": "v2_runner_on_unreachable"}
ITEM_EVENTS = {"ok": "v2_runner_item_on_ok", "changed": "v2_runner_item_on_ok", "failed": "v2_runner_item_on_failed",
               "skipped": "v2_runner_item_on_skipped", "unreachable": "v2_runner_item_on_failed"}


def event(request):
    name = request["event"]
    if name == "playbook_start":
        from ansible.playbook import Playbook
        book = Playbook(loader=None)
        book._file_name = request["file"]
        return send("v2_playbook_on_start", book)
    if name == "play_start":
        state["play"] = play(request["play"])
        return send("v2_playbook_on_play_start", state["play"])
    if name == "task_start":
        state["task"] = task(request["task"])
        state["items"] = {}
        if request.get("handler"):
            return send("v2_playbook_on_handler_task_start", state["task"])
        return send("v2_playbook_on_task_start", state["task"], is_conditional=False)
    if name == "runner_start":
        return send("v2_runner_on_start", host(request["host"]), state["task"])
    if name == "result":
        r = result(request)
        status = request["status"]
        diffs = request.get("diff") and status in ("ok", "changed")
        if request.get("item") is not None:
            if diffs:
                send("v2_on_file_diff", r)  # each ok item's, when the task diffs, as the task executor's
            return send(ITEM_EVENTS[status], r)
        if diffs and "diff" in r._result and not request.get("summary"):
            send("v2_on_file_diff", r)
        if status == "failed":
            return send(EVENTS[status], r, ignore_errors=bool(request.get("ignored")))
        return send(EVENTS[status], r)
    if name == "retry":
        from ansible.executor.task_result import TaskResult
        data = dict(request.get("result") or {})
        data["_ansible_retry"] = True
        data.setdefault("_ansible_no_log", "censored" in data)
        if request.get("delegate"):
            data.setdefault("_ansible_delegated_vars", {"ansible_host": request["delegate"]})
        return send("v2_runner_retry", TaskResult(host(request["host"]), state["task"], data,
                                                  task_fields={"name": state["task"].name}))
    if name == "vars_prompt":
        f = request.get("fields") or {}
        from ansible.module_utils.parsing.convert_bool import boolean
        return send("v2_playbook_on_vars_prompt", request["name"], boolean(f.get("private", True)),
                    f.get("prompt", request["name"]), f.get("encrypt"), boolean(f.get("confirm", False)),
                    f.get("salt_size"), f.get("salt"), f.get("default"), f.get("unsafe"))
    if name == "include":
        from ansible.playbook.included_file import IncludedFile
        item = request.get("item")
        included = IncludedFile(request["file"], {}, {} if item is None else {"item": item, "_ansible_item_label": item},
                                state["task"])
        for h in request.get("hosts") or []:
            included.add_host(host(h))
        return send("v2_playbook_on_include", included)
    if name == "notify":
        from ansible.playbook.handler import Handler
        handler = Handler()
        handler.name = request["handler"]
        return send("v2_playbook_on_notify", handler, host(request["host"]))
    if name == "stats":
        return send("v2_playbook_on_stats", Stats(request["stats"], request.get("custom")).value)
    if name == "no_hosts_matched":
        return send("v2_playbook_on_no_hosts_matched")
    if name == "no_hosts_remaining":
        return send("v2_playbook_on_no_hosts_remaining")
    return {"ok": False, "error": "unknown event %r" % name}


def send(method, *args, **kwargs):
    """The event to each plugin that wants it, as the TaskQueueManager's send_callback: each its own clean copy of a
    result; a plugin's failure is a warning, as Ansible's."""
    from ansible.executor.task_result import TaskResult
    from ansible.utils.display import Display
    for plugin in state["plugins"]:
        if getattr(plugin, "disabled", False):
            continue
        for m in (method, "v2_on_any"):
            function = getattr(plugin, m, None)
            if function is None:
                continue
            given = [a.clean_copy() if isinstance(a, TaskResult) else a for a in args]
            try:
                function(*given, **kwargs) if m == method else function(*given)
            except Exception as e:
                Display().warning("Failure using method (%s) in callback plugin (%s): %s" % (m, plugin, e))
                Display().vvv("Callback Exception: \n" + " ".join(traceback.format_tb(e.__traceback__)))
    return {"ok": True}


def answer(request):
    if request.get("op") == "load":
        try:
            return load(request)
        except ImportError as e:
            return {"ok": False, "error": "the controller's %s has no ansible-core (%s), which runs the callback "
                                          "plugins" % (sys.executable, e)}
    if request.get("op") == "event":
        return event(request)
    return {"ok": False, "error": "unknown request %r" % request.get("op")}


for line in iter(sys.stdin.readline, ""):
    take()
    try:
        reply = answer(json.loads(line))
    except Exception as e:
        reply = {"ok": False, "error": "%s: %s" % (type(e).__name__, e), "trace": traceback.format_exc()}
    shown = take()
    if shown:
        reply["displayed"] = shown
    protocol.write(json.dumps(reply, allow_nan=True) + "\n")
    protocol.flush()
