# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: `cpack -G DEB` builds nfviz_<version>-<revision>_<arch>.deb for /usr, `cpack -G TGZ` a
# relocatable tarball of the same tree. Included by packaging/CMakeLists.txt once every install
# rule is known.

set(CPACK_PACKAGE_NAME nfviz)
set(CPACK_PACKAGE_VENDOR "nfviz developers")
set(CPACK_PACKAGE_CONTACT "nfviz developers <nfviz@nfviz.example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "netfilter and bridge packet-flow visualizer")
set(CPACK_PACKAGE_DESCRIPTION_FILE ${CMAKE_CURRENT_LIST_DIR}/description.txt)
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_PACKAGE_CHECKSUM SHA256)
# Binaries go into the package without symbols (lintian: unstripped-binary-or-object).
set(CPACK_STRIP_FILES TRUE)
set(CPACK_PACKAGE_FILE_NAME "nfviz-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${NFVIZ_PACKAGE_REVISION})
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
# Depends comes from the binaries through dpkg-shlibdeps, never from a hand-written list.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What the dynamic linker cannot see: Qt's Wayland platform plugin (X11's is in libqt6gui6) and
# Qt's own catalogs for the standard dialogs in the user's language.
if(TARGET nfviz)
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
endif()
# Owner root, 0755 directories, 0644 files and 0755 programs in control.tar and data.tar.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

include(CPack)
