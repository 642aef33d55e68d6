#!/usr/bin/python
# Imports module_utils from each place Ansible looks: the playbook's module_utils/, a role's, the configured folder
from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.pb_only import data as pb_only
from ansible.module_utils.role_only import data as role_only
from ansible.module_utils.cfg_only import data as cfg_only
from ansible.module_utils.shadowed import data as shadowed
from ansible.module_utils.ansible_release import __version__ as release
from ansible.module_utils.pkg.sub import data as sub
from ansible.module_utils import pkg

try:
    from ansible.module_utils.nowhere import data as optional
except ImportError:
    optional = 'not packed'

AnsibleModule(argument_spec={}).exit_json(pb_only=pb_only, role_only=role_only, cfg_only=cfg_only, shadowed=shadowed,
                                          release=release, sub=sub, pkg=pkg.data, optional=optional)
