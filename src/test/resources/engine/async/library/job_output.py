#!/usr/bin/python
# A module whose output async jobs read as Ansible's async_wrapper does: junk after its JSON, text on stderr, or an
# exception instead of JSON (module_output.yml).
import sys

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(mode=dict(type='str', required=True)))
    mode = module.params['mode']
    if mode == 'exception':
        raise Exception('no JSON this time')
    if mode == 'stderr':
        sys.stderr.write('a line on stderr\n')
    try:
        module.exit_json(changed=True, warnings=['the module warns'] if mode == 'junk' else [])
    finally:
        if mode == 'junk':
            print('junk after the JSON')


main()
