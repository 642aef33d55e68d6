#!/usr/bin/python
# A module of a collection vendored beside the playbook, with module_utils of its own.
from ansible.module_utils.basic import AnsibleModule
from ansible_collections.example.vendored.plugins.module_utils.greet import greeting


def main():
    m = AnsibleModule(argument_spec=dict(who=dict(type='str', default='world')), supports_check_mode=True)
    m.exit_json(changed=False, msg=greeting(m.params['who']))


if __name__ == '__main__':
    main()
