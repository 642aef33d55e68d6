# What a Python plugin shows through Ansible's display, kept for the engine: shared by plugin_host.py and
# action_host.py, which import it as runbook_display (PluginProcess loads it into their process before them). Each
# answer to the engine carries what was shown meanwhile as "displayed": [{"kind": K, "msg": TEXT, ...}...] (K: warning,
# deprecated, error, display), which the engine shows as ansible-playbook's display does, where it shows its own.
import sys

displayed = []  # what Ansible's display showed while the current request was answered


def hook_display():
    """Once ansible-core's display is imported (by the host's ansible-core requests, or a plugin), what it shows
    (warnings, deprecations, errors, text) is kept in displayed instead of written to this process's streams."""
    module = sys.modules.get("ansible.utils.display")
    if module is None or getattr(module.Display, "runbook_hooked", False):
        return
    removed_deprecation = module.Display.deprecated

    def warning(self, msg, formatted=False):
        displayed.append({"kind": "warning", "msg": str(msg)})

    def deprecated(self, msg, version=None, removed=False, date=None, collection_name=None):
        if removed:  # Ansible's display raises the error of a removed feature
            return removed_deprecation(self, msg, version, removed, date, collection_name)
        displayed.append({"kind": "deprecated", "msg": str(msg), "version": None if version is None else str(version),
                          "date": None if date is None else str(date), "collection_name": collection_name})

    def error(self, msg, wrap_text=True):
        displayed.append({"kind": "error", "msg": str(msg)})

    def display(self, msg, color=None, stderr=False, screen_only=False, log_only=False, newline=True):
        if not log_only:
            displayed.append({"kind": "display", "msg": str(msg), "stderr": bool(stderr), "newline": bool(newline)})
    module.Display.warning = warning
    module.Display.deprecated = deprecated
    module.Display.error = error
    module.Display.display = display
    module.Display.runbook_hooked = True


def take():
    """What was displayed since the last take, emptied."""
    shown = list(displayed)
    del displayed[:]
    return shown
