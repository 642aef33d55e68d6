# A lookup with options: documented ones with defaults, read with get_option; a variable read from the host's.
DOCUMENTATION = """
  name: greet
  short_description: greets
  options:
    _terms:
      description: whom
    greeting:
      description: the word
      default: hello
      type: str
    shout:
      description: in capitals
      default: false
      type: bool
"""
from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        out = []
        for term in terms:
            text = "%s %s from %s" % (self.get_option('greeting'), term, variables.get('site_name', '?'))
            out.append(text.upper() if self.get_option('shout') else text)
        return out
