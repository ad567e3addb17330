# Installation layout and the Debian package (`make package`, CPack DEB):
#   /usr/bin/skattedeling
#   /usr/share/skattedeling/{portal,openapi,xsd}   found by the binary at run time (assets.hpp)
#   /etc/skattedeling/config.json                  a conffile; the systemd unit reads it
#   /usr/lib/systemd/system/skattedeling.service   user skattedeling, database in /var/lib
#   /usr/share/man/man1/skattedeling.1.gz and /usr/share/doc/skattedeling/ (the --help texts,
#   an example configuration with every key, README, CHANGELOG)
# The postinst creates the system user; nothing starts until `systemctl enable --now`.
include_guard(GLOBAL)
include(GNUInstallDirs)

# `cmake --install`/cpack install only what these rules name; the tests are not built for it.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# The --help texts as a man page and a text file, generated from the binary itself.
set(SKD_DOC_DIR ${PROJECT_BINARY_DIR}/doc)
add_custom_command(
  OUTPUT ${SKD_DOC_DIR}/cli-help.txt ${SKD_DOC_DIR}/skattedeling.1.gz
  COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:skattedeling> -DOUT=${SKD_DOC_DIR}
          -DVERSION=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/SkdHelpTexts.cmake
  DEPENDS skattedeling ${PROJECT_SOURCE_DIR}/cmake/SkdHelpTexts.cmake
  COMMENT "Writing the --help texts (man page and cli-help.txt)"
  VERBATIM)
if(SKD_SANITIZE)
  add_custom_target(skd_help_texts DEPENDS ${SKD_DOC_DIR}/cli-help.txt)
else()
  add_custom_target(skd_help_texts ALL DEPENDS ${SKD_DOC_DIR}/cli-help.txt)
endif()

install(TARGETS skattedeling RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/openapi/ DESTINATION ${CMAKE_INSTALL_DATADIR}/skattedeling/openapi
        FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/xsd/ DESTINATION ${CMAKE_INSTALL_DATADIR}/skattedeling/xsd
        FILES_MATCHING PATTERN "*.xsd")
# Built by scripts/build-portal.sh (make build, make package); without it the server shows a
# plain page listing the OpenAPI documents.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/portal/dist/ DESTINATION ${CMAKE_INSTALL_DATADIR}/skattedeling/portal
        OPTIONAL)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/config.json DESTINATION /etc/skattedeling)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/skattedeling.service
        DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/config.json.example ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${SKD_DOC_DIR}/cli-help.txt
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${SKD_DOC_DIR}/skattedeling.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME skattedeling)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR skattedeling)
set(CPACK_PACKAGE_CONTACT "skattedeling maintainers <skattedeling@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Skatteetaten's data-sharing APIs (restanser, krav og betalinger, trekkpålegg, avregning, utleggsbegjæring)")
set(CPACK_PACKAGE_DESCRIPTION
    "A server that implements five of Skatteetaten's data-sharing APIs faithfully enough for an
integrator's client to use it unchanged, with every answer derived from one ledger in SQLite or
PostgreSQL. Includes the developer portal, the OpenAPI documents and a systemd unit.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/conffiles ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm ${PROJECT_SOURCE_DIR}/packaging/postrm)
include(CPack)
