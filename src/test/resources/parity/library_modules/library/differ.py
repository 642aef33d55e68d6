#!/usr/bin/python
# A new-style module that tells what it changed, with --diff, in each form of a module's diff: text, a mapping, prepared
# text, a list of them with headers and binary notes.
from ansible.module_utils.basic import AnsibleModule

DIFFS = {
    'text': {'before': 'one\ntwo\nthree\n', 'after': 'one\nTWO\nthree\n'},
    'mapping': {'before': {'size': 1, 'name': 'caf\u00e9'}, 'after': {'name': 'cafe', 'size': 1}},
    'prepared': {'prepared': 'replaced 2 lines\nin settings.conf'},
    'list': [
        {'before': 'old\n', 'after': 'new', 'before_header': 'a.conf', 'after_header': 'b.conf'},
        {'dst_binary': 1, 'prepared': 'kept the binary\n'},
    ],
    'new': {'before': None, 'after': 'created\n'},
}


def main():
    module = AnsibleModule(argument_spec={'kind': {'type': 'str', 'required': True, 'choices': sorted(DIFFS)}},
                           supports_check_mode=True)
    result = {'changed': True, 'checked': module.check_mode}
    if module._diff:
        result['diff'] = DIFFS[module.params['kind']]
    module.exit_json(**result)


if __name__ == '__main__':
    main()
