#!/bin/sh
# an editor that writes an impossible date and negative credits
sed -i -e 's/"2025-03-01"/"2025-02-30"/' -e 's/"credits": 30/"credits": -30/' "$1"
