# Debian packages (CPack DEB, one per component): `chat-server` (the daemon, its systemd unit,
# the sample configuration as a conffile, a system user and its state directory, made by the
# maintainer scripts) and `chat-client` (the window, its .desktop file and icon; the
# translations are compiled into the binary). scripts/package.sh builds them;
# tests/integration/package_test.sh checks what they hold and starts the packaged server.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME chat)
set(CPACK_PACKAGE_VENDOR "Qt Chat")
set(CPACK_PACKAGE_CONTACT "Qt Chat maintainers <chat@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Installs with DESTDIR into the staging directory, so that /etc (outside the prefix) lands there.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr) # whatever prefix the build was configured with
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server client)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# Libraries the binaries link, found by dpkg-shlibdeps (package dpkg-dev); what Qt loads as
# plugins at run time is not linked, so it is named below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME chat-server)
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "Headless chat server on WebSockets\n Rooms, private messages, accounts and moderation; durable history in SQLite or PostgreSQL.")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite")
# The PostgreSQL driver only for a server told --db postgresql://...: SQLite is the default.
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/resources/packaging/chat-server/postinst;${PROJECT_SOURCE_DIR}/resources/packaging/chat-server/prerm;${PROJECT_SOURCE_DIR}/resources/packaging/chat-server/postrm;${PROJECT_SOURCE_DIR}/resources/packaging/chat-server/conffiles")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME chat-client)
set(CPACK_COMPONENT_CLIENT_DESCRIPTION
    "Desktop chat client (Qt Widgets)\n Rooms, private messages, scrollback and notifications, in English and German.")
# The platform plugins (xcb, wayland) and the SVG icon engine are plugins: not linked.
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION x11)

include(CPack)
