#!/usr/bin/python3
# Writes, for each module of ansible-core (the controller's, Debian's 2.14), the arguments its AnsibleModule is made
# with and their defaults (null without one; add_file_common_args' too), as JSON: what its invocation.module_args lists.
# The engine's modules echo these (ArgsEcho). Run:
# tools/invocation/ansible-arg-specs.py > engine/src/main/resources/io/runbook/engine/module/ansible-arg-specs.json
import importlib
import contextlib
import io
import json
import pkgutil
import sys

import ansible.modules
from ansible.module_utils import basic


class Captured(Exception):
    pass


def capture(name):
    found = {}
    real = basic.AnsibleModule.__init__

    def fake(self, argument_spec=None, add_file_common_args=False, **kwargs):
        spec = dict(argument_spec or {})
        if add_file_common_args:
            for k, v in basic.FILE_COMMON_ARGUMENTS.items():
                spec.setdefault(k, v)
        found.update(spec)
        raise Captured()

    basic.AnsibleModule.__init__ = fake
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            module = importlib.import_module('ansible.modules.' + name)
            if hasattr(module, 'main'):
                module.main()
    except (Captured, SystemExit, Exception):
        pass
    finally:
        basic.AnsibleModule.__init__ = real
    return found


def default(option):
    value = option.get('default')
    if option.get('type') == 'list' and isinstance(value, str):
        value = [value]
    return value


specs = {}
for info in pkgutil.iter_modules(ansible.modules.__path__):
    if info.name.startswith('_') or info.name == 'async_wrapper':
        continue
    spec = capture(info.name)
    if spec:
        specs[info.name] = {k: default(v) for k, v in sorted(spec.items())}
json.dump(specs, sys.stdout, indent=None, sort_keys=True, separators=(',', ':'))
sys.stdout.write('\n')
