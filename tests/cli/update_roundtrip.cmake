# basislab-cli compress --update and sweep --updates on the demo model: the JSON keys, --refit as a
# synonym of --update refit, the CSV columns at the end of the row, and the refusals (a store whose
# text moved or changed, --refit with another update, an unknown update).
# cmake -DCLI=... -DMODEL=... -DTEXT=... -DWORK=... -P update_roundtrip.cmake
cmake_policy(SET CMP0054 NEW)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run expect_rc)
  execute_process(COMMAND "${CLI}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "basislab-cli ${ARGN}\nexited with ${rc} (expected ${expect_rc}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

# The calibration's text is a copy, so that it can move.
configure_file("${TEXT}" "${WORK}/calib.txt" COPYONLY)
run(0 calibrate --model "${MODEL}" --text "${WORK}/calib.txt" --windows 8 --seq-len 64 --shuffle-seed 3
      --out "${WORK}/calib.h5" --quiet)
set(common --model "${MODEL}" --calib "${WORK}/calib.h5" --method basis-sharing --ratio 0.6 --group-size 2
    --eval-text "${TEXT}" --window 64 --max-windows 4 --json --quiet)

# --update compensate: kind, mean output errors (lower after), per-layer errors and shifts.
run(0 compress ${common} --update compensate)
set(json "${out}")
string(JSON update GET "${json}" update)
string(JSON before GET "${json}" mean_output_error_before)
string(JSON after GET "${json}" mean_output_error_after)
string(JSON l0_before GET "${json}" layers 0 output_error_before)
string(JSON l0_after GET "${json}" layers 0 output_error_after)
string(JSON l0_shift GET "${json}" layers 0 update_shift)
string(JSON ppl_compensate GET "${json}" ppl)
if(NOT update STREQUAL "compensate" OR NOT after LESS before OR l0_after GREATER l0_before)
  message(FATAL_ERROR "unexpected compress --update compensate --json:\n${json}")
endif()

# --refit is --update refit: the same plan, the same perplexity.
run(0 compress ${common} --refit)
string(JSON ppl_refit GET "${out}" ppl)
string(JSON update GET "${out}" update)
run(0 compress ${common} --update refit)
string(JSON ppl_update_refit GET "${out}" ppl)
string(JSON refit_flag GET "${out}" refit)
if(NOT update STREQUAL "refit" OR NOT refit_flag STREQUAL "ON" OR NOT ppl_refit STREQUAL ppl_update_refit)
  message(FATAL_ERROR "--refit (${update}, ${ppl_refit}) and --update refit (${refit_flag}, ${ppl_update_refit}) differ")
endif()

# Refusals.
run(1 compress ${common} --update deviated --refit)
if(NOT err MATCHES "--refit means --update refit")
  message(FATAL_ERROR "--update deviated --refit: ${err}")
endif()
run(1 compress ${common} --update sideways)
if(NOT err MATCHES "--update: unknown update 'sideways'")
  message(FATAL_ERROR "--update sideways: ${err}")
endif()
run(1 compress ${common} --update deviated --calib-text "${MODEL}/config.json")
if(NOT err MATCHES "SHA-256")
  message(FATAL_ERROR "--calib-text of another text: ${err}")
endif()
file(RENAME "${WORK}/calib.txt" "${WORK}/moved.txt")
run(1 compress ${common} --update deviated)
if(NOT err MATCHES "calib.txt" OR NOT err MATCHES "--calib-text")
  message(FATAL_ERROR "a moved calibration text: ${err}")
endif()
run(0 compress ${common} --update compensate --calib-text "${WORK}/moved.txt")
string(JSON ppl_moved GET "${out}" ppl)
if(NOT ppl_moved STREQUAL ppl_compensate)
  message(FATAL_ERROR "--calib-text: ppl ${ppl_moved}, before the move ${ppl_compensate}")
endif()

# sweep --updates: one row per update, the update and output errors in the last four columns.
run(0 sweep --model "${MODEL}" --calib "${WORK}/calib.h5" --calib-text "${WORK}/moved.txt" --methods basis-sharing
      --ratios 0.6 --group-sizes 2 --updates none,refit,deviated,compensate --eval-text "${TEXT}" --window 64
      --max-windows 4 --out "${WORK}/sweep.csv" --latex "${WORK}/sweep.tex" --quiet)
file(STRINGS "${WORK}/sweep.csv" rows)
list(LENGTH rows n_rows)
file(READ "${WORK}/sweep.tex" tex)
if(NOT n_rows EQUAL 6 OR NOT tex MATCHES "compensate")
  message(FATAL_ERROR "sweep wrote ${n_rows} rows:\n${rows}\n${tex}")
endif()
list(GET rows 0 header)
if(NOT header MATCHES ",update,mean_output_error_before,mean_output_error_after,update_seconds$")
  message(FATAL_ERROR "sweep header: ${header}")
endif()
list(GET rows 3 refit_row)
list(GET rows 5 compensate_row)
if(NOT refit_row MATCHES ",refit,,,[0-9.]+$" OR NOT compensate_row MATCHES ",compensate,[0-9.]+,[0-9.]+,[0-9.]+$")
  message(FATAL_ERROR "sweep rows:\n${refit_row}\n${compensate_row}")
endif()
# The sweep's compensate row is the plan compress evaluated: the same perplexity.
string(REPLACE "," ";" cells "${compensate_row}")
list(GET cells 8 sweep_ppl)
string(SUBSTRING "${ppl_compensate}" 0 6 want)
string(SUBSTRING "${sweep_ppl}" 0 6 got)
if(NOT want STREQUAL got)
  message(FATAL_ERROR "sweep compensate ppl ${sweep_ppl}, compress ${ppl_compensate}")
endif()
run(1 sweep --model "${MODEL}" --calib "${WORK}/calib.h5" --methods svd-llm --ratios 0.6 --updates deviated,deviated
      --eval-text "${TEXT}" --window 64 --out "${WORK}/x.csv" --quiet)
if(NOT err MATCHES "listed twice")
  message(FATAL_ERROR "--updates with a duplicate: ${err}")
endif()
