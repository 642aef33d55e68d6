# Runs a new-style Python module on the host as ansible-core 2.14's AnsiballZ wrapper runs it: the file-descriptor limit
# of python_module_rlimit_nofile (0: left alone), the zip of module_utils first on sys.path (the wrapper's own folder
# and the current one taken off it), the arguments given to ansible.module_utils.basic as _ANSIBLE_ARGS, then the
# module, which is in the zip, run as __main__ by its full name with _module_fqn and _modlib_path (what
# ansible.module_utils.common.respawn reads), so that its relative imports work.
# Arguments: the zip, the module's full name, the arguments file, the limit.
import os
import sys


def main():
    modlib_path, module_fqn, args_file, rlimit_nofile = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if rlimit_nofile:
        import resource
        existing_soft, existing_hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        requested_soft = min(existing_hard, rlimit_nofile)
        if requested_soft != existing_soft:
            try:
                resource.setrlimit(resource.RLIMIT_NOFILE, (requested_soft, existing_hard))
            except ValueError:
                pass  # some platforms lie about their hard limit
    excludes = set(('', '.', os.path.dirname(os.path.realpath(__file__))))
    sys.path = [p for p in sys.path if p not in excludes]
    sys.path.insert(0, modlib_path)
    with open(args_file, 'rb') as f:
        json_params = f.read()
    del sys.argv[1:]
    from ansible.module_utils import basic
    basic._ANSIBLE_ARGS = json_params
    import runpy
    runpy.run_module(mod_name=module_fqn, init_globals=dict(_module_fqn=module_fqn, _modlib_path=modlib_path),
                     run_name='__main__', alter_sys=True)
    print('{"msg": "New-style module did not handle its own exit", "failed": true}')
    sys.exit(1)


if __name__ == '__main__':
    main()
