# The report page's style sheet and script (src/render/report_page.css, report_page.js) compiled
# into the binary, with the script's SHA-256 for the page's Content-Security-Policy. Reconfigures
# when either file changes. Sets RECERT_REPORT_ASSETS_SOURCE to the generated source's path.
function(recert_report_assets root)
  set(css ${root}/src/render/report_page.css)
  set(js ${root}/src/render/report_page.js)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${css} ${js})
  file(READ ${css} RECERT_REPORT_CSS)
  file(READ ${js} RECERT_REPORT_JS)
  # the page embeds the file byte for byte, so the hash of the file is the hash of the script
  file(SHA256 ${js} RECERT_REPORT_JS_SHA256)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/generated/report_assets.cpp)
  configure_file(${root}/cmake/report_assets.cpp.in ${out} @ONLY)
  set(RECERT_REPORT_ASSETS_SOURCE ${out} PARENT_SCOPE)
endfunction()
