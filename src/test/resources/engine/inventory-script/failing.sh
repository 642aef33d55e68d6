#!/bin/sh
# An inventory script whose source is down.
echo "cmdb.example.com: connection refused" >&2
exit 2
