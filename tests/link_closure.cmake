# greentwin_link_closure(TARGET OUT_VAR): every library TARGET links, directly or through the
# libraries it links ($<LINK_ONLY:...> included), as named in the CMake files: target names and
# the library paths of imported targets (an imported target made in another directory, such as
# PkgConfig::PANGOCAIRO, is not visible here and appears by name only). tests/CMakeLists.txt checks the daemon's closure for
# the report renderers' libraries: readelf on the built daemon alone would not notice one that
# is linked but never called, because Ubuntu's toolchain links with --as-needed.
function(greentwin_link_closure target out_var)
  set(closure "")
  set(pending ${target})
  while(pending)
    list(POP_FRONT pending item)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" item "${item}")
    if(item IN_LIST closure)
      continue()
    endif()
    list(APPEND closure ${item})
    if(NOT TARGET ${item})
      continue()
    endif()
    # An interface library has no LINK_LIBRARIES of its own (and may not be asked for it).
    get_target_property(type ${item} TYPE)
    set(properties INTERFACE_LINK_LIBRARIES)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      list(APPEND properties LINK_LIBRARIES)
    endif()
    foreach(property IN LISTS properties)
      get_target_property(libraries ${item} ${property})
      if(libraries)
        list(APPEND pending ${libraries})
      endif()
    endforeach()
  endwhile()
  set(${out_var} "${closure}" PARENT_SCOPE)
endfunction()
