from __future__ import absolute_import, division, print_function
__metaclass__ = type


def importme():
    return "successfully imported from testns.testcoll"
