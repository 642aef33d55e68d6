#!/bin/sh
echo sp_script.sh
