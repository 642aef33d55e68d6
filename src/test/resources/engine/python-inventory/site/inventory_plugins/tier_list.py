# An inventory plugin of the playbook's own that reads no file: a -i source 'TIER:host1,host2' (a comma list, as
# host_list's) puts the hosts in group TIER.
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = '''
    name: tier_list
    short_description: hosts of a tier, from the source itself
    description: Adds the hosts of a 'TIER:host1,host2' source to group TIER.
'''

import os

from ansible.plugins.inventory import BaseInventoryPlugin


class InventoryModule(BaseInventoryPlugin):
    NAME = 'tier_list'

    def verify_file(self, path):
        return ',' in path and ':' in path and not os.path.exists(path)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path)
        tier, names = path.split(':', 1)
        self.inventory.add_group(tier)
        for name in names.split(','):
            if name.strip():
                self.inventory.add_host(name.strip(), group=tier)
                self.inventory.set_variable(name.strip(), 'listed_by', self.NAME)
