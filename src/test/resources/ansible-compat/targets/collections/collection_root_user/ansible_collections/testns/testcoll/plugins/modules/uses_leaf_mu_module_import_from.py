#!/usr/bin/python
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import sys

from ansible_collections.testns.testcoll.plugins.module_utils import leaf, secondary
# FIXME: this one needs pkginit synthesis to work
# from ansible_collections.testns.testcoll.plugins.module_utils.subpkg import submod
from ansible_collections.testns.testcoll.plugins.module_utils.subpkg_with_init import (thingtocall as spwi_thingtocall,
                                                                                       submod_thingtocall as spwi_submod_thingtocall,
                                                                                       cousin_submod_thingtocall as spwi_cousin_submod_thingtocall)


def main():
    mu_result = leaf.thingtocall()
    mu2_result = secondary.thingtocall()
    mu3_result = "thingtocall in subpkg.submod"  # FIXME: this one needs pkginit synthesis to work
    # mu3_result = submod.thingtocall()
    mu4_result = spwi_thingtocall()
    mu5_result = spwi_submod_thingtocall()
    mu6_result = spwi_cousin_submod_thingtocall()
    print(json.dumps(dict(changed=False, source='user', mu_result=mu_result, mu2_result=mu2_result,
                          mu3_result=mu3_result, mu4_result=mu4_result, mu5_result=mu5_result, mu6_result=mu6_result)))

    sys.exit()


if __name__ == '__main__':
    main()
