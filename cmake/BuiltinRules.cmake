# The built-in programs: their rules files are data/programs/<name>.json.
set(RECERT_PROGRAMS cisco comptia isc2 pmi)

# The built-in rules files' texts in one generated source, which is regenerated when a JSON file
# changes. Sets RECERT_BUILTIN_RULES_SOURCE to its path.
function(recert_builtin_rules root)
  foreach(prog ${RECERT_PROGRAMS})
    string(TOUPPER ${prog} PROG)
    set(file ${root}/data/programs/${prog}.json)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    file(READ ${file} RECERT_${PROG}_JSON)
  endforeach()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/generated/builtin_rules.cpp)
  configure_file(${root}/cmake/builtin_rules.cpp.in ${out} @ONLY)
  set(RECERT_BUILTIN_RULES_SOURCE ${out} PARENT_SCOPE)
endfunction()
