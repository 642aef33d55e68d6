# A lookup plugin whose DOCUMENTATION declares options read from ansible.cfg, the environment and variables, for the
# config lookup's plugin_type=lookup plugin_name=greet.
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = """
    name: greet
    short_description: greets
    description: [gives its terms back]
    options:
      _terms:
        description: anything
      greeting:
        description: the greeting
        type: str
        default: hello
        ini:
          - section: greet
            key: greeting
        env:
          - name: GREET_GREETING
        vars:
          - name: greet_greeting
      names:
        description: who
        type: list
        ini:
          - section: greet
            key: names
      times:
        description: how often
        type: int
        default: 3
        env:
          - name: GREET_TIMES
"""

from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        return terms
