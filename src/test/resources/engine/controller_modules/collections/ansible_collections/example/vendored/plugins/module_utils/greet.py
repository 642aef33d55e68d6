def greeting(name):
    return "hello " + name + " from vendored"
