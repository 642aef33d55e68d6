thing = "hello from formerly_testcoll_pkg.submod.thing"
