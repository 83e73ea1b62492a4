#!/bin/sh
# make release: static binaries for linux/amd64 and linux/arm64, .deb and
# .rpm packages (nfpm, pinned), and SHA256SUMS, all in dist/.
# VERSION, COMMIT and DATE come from the Makefile (git describe, the commit,
# its date), so one commit always gives the same files.
set -eu
: "${GO:=go}"
: "${VERSION:?}" "${COMMIT:?}" "${DATE:?}"
NFPM="github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.45.2"
ARCHES="${ARCHES:-amd64 arm64}"

# A package version must start with a digit: v1.2.3 -> 1.2.3,
# v1.2.3-4-gabc -> 1.2.3+git4.gabc, no tag at all -> 0.0.0~git.<hash>.
pkg_version() {
	case "$1" in
	v[0-9]*) echo "${1#v}" | sed -e 's/-\([0-9]*\)-g/+git\1./' -e 's/-dirty$/.dirty/' ;;
	*) echo "0.0.0~git.$1" | sed -e 's/-dirty$/.dirty/' ;;
	esac
}

rm -rf dist
mkdir -p dist/build
ldflags="-s -w -buildid= -X main.version=$VERSION -X main.commit=$COMMIT -X main.date=$DATE"
for arch in $ARCHES; do
	out="dist/rmad-$VERSION-linux-$arch"
	echo "build $out"
	CGO_ENABLED=0 GOOS=linux GOARCH="$arch" "$GO" build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out" ./cmd/rmad
done
# The example configuration the packages install, from this build itself.
host="dist/rmad-$VERSION-linux-$("$GO" env GOARCH)"
if [ -x "$host" ] && [ "$("$GO" env GOOS)" = linux ]; then
	"$host" config example > dist/build/rmad.toml
else
	"$GO" run ./cmd/rmad config example > dist/build/rmad.toml
fi

# nfpm expands variables in the version and the arch, not in file paths:
# each binary is packaged from dist/build/rmad.
export PKG_VERSION PKG_ARCH
# Every file in the packages dated from the commit, so they are reproducible too.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(date -d "$DATE" +%s)}"
export SOURCE_DATE_EPOCH
PKG_VERSION=$(pkg_version "$VERSION")
for arch in $ARCHES; do
	PKG_ARCH=$arch
	cp "dist/rmad-$VERSION-linux-$arch" dist/build/rmad
	for fmt in deb rpm; do
		"$GO" run "$NFPM" package --config packaging/nfpm.yaml --packager "$fmt" --target dist/
	done
done
rm -rf dist/build
(cd dist && sha256sum rmad-* rmad_* 2>/dev/null | sort -k2 > SHA256SUMS)
echo "dist/:"
ls -l dist
