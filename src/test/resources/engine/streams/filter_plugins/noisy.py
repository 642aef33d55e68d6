from ansible.utils.display import Display

display = Display()


def noisy(value):
    display.deprecated("the noisy filter is old", version="2.99")
    display.deprecated("dated noisy", date="2030-01-01", collection_name="my.coll")
    display.error("noisy error text")
    display.display("noisy to stderr", stderr=True)
    display.display("noisy to stdout")
    display.warning("noisy warning")
    return value


class FilterModule(object):
    def filters(self):
        return {"noisy": noisy}
