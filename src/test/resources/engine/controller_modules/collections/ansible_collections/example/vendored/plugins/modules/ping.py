#!/usr/bin/python
# A module with the name of one of ansible-core's (and the engine's): under collections: [example.vendored] it wins.
from ansible.module_utils.basic import AnsibleModule


def main():
    m = AnsibleModule(argument_spec=dict(data=dict(type='str', default='pong')), supports_check_mode=True)
    m.exit_json(changed=False, ping='vendored ping')


if __name__ == '__main__':
    main()
