#!/bin/sh
# an editor that renames the webinar and approves it
sed -i -e 's/"Webinar"/"Webinar on SD-WAN"/' -e 's/"status": "pending"/"status": "approved"/' "$1"
