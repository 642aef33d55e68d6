thing = "hello from testns.othercoll.formerly_testcoll_pkg.thing"
