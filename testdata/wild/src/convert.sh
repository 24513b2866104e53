#!/bin/sh
# Turn the .fods sources in src/ into the LibreOffice-written submissions in files/.
set -e
cd "$(dirname "$0")"
PROFILE=$(mktemp -d)
soffice -env:UserInstallation=file://$PROFILE --headless --convert-to ods --outdir src src/33_五里镇.fods >/dev/null
soffice -env:UserInstallation=file://$PROFILE --headless --convert-to xlsx --outdir src src/34_黄庄镇.fods >/dev/null
mv src/33_五里镇.ods files/ && mv src/34_黄庄镇.xlsx files/
rm -rf "$PROFILE"
