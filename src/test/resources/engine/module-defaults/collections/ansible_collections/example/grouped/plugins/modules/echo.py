#!/usr/bin/python
# A module that gives back the data it was given (module_defaults' tests).
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(data=dict(type='str', default='none given')), supports_check_mode=True)
    module.exit_json(changed=False, echoed=module.params['data'])


if __name__ == '__main__':
    main()
