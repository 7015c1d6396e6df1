# `basislab --model DIR --export-figures OUT` headless (offscreen):
#  - the demo model calibrates on its bundled text, evaluates the small grid and writes every figure;
#    the perplexities of the runs figure are those of `basislab-cli sweep` on the same calibration;
#  - a model that is not the demo (a demo copy with one byte changed) without a calibration exits 2
#    saying what to pass; with --calib-text it calibrates and writes the calibration figures;
#  - a --calib that cannot be read exits 1 naming it.
# cmake -DGUI=... -DCLI=... -DMODEL=... -DTEXT=... -DWORK=... -P export_figures.cmake
# The TIMEOUTs are generous wall-clock limits (about 20 s of CPU; 215-455 s measured on two cores
# under a load average of 11-16): they only catch a hang.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{XDG_CONFIG_HOME} "${WORK}/config")
set(ENV{XDG_CACHE_HOME} "${WORK}/cache")

execute_process(COMMAND "${GUI}" --model "${MODEL}" --export-figures "${WORK}/figures" --screenshot "${WORK}/window.png"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 1200)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit status ${rc}\n${out}\n${err}")
endif()
foreach(said "calibrating the demo model with its bundled text \\(16 windows of 128 tokens of TinyStories-valid.txt\\)"
             "evaluating a small grid on the demo: 12 runs \\(ratios 0.2, 0.3, 0.4, 0.5 x alpha none, inv-trace, normalised, n = 2\\) on 8 windows of 256 tokens"
             "grid: 12 runs in ")
  if(NOT err MATCHES "${said}")
    message(FATAL_ERROR "stderr does not say '${said}':\n${err}")
  endif()
endforeach()
if(err MATCHES "skipped")
  message(FATAL_ERROR "a figure was skipped:\n${err}")
endif()
foreach(figure input_scale spectrum alpha errors ranks runs)
  foreach(format png pdf svg csv)
    if(NOT err MATCHES "wrote [^\n]*/figures/${figure}\\.${format}\n")
      message(FATAL_ERROR "${figure}.${format} not written\n${err}")
    endif()
  endforeach()
endforeach()
file(READ "${WORK}/figures/errors.csv" csv)
if(NOT csv MATCHES "^Layer,")
  message(FATAL_ERROR "errors.csv does not start with its x column:\n${csv}")
endif()

# The runs figure: a curve per alpha form, a point per ratio; the curves share their x (the achieved
# ratio in %, the same ranks for every alpha form), so the CSV has one x column and a y column each.
file(READ "${WORK}/figures/runs.csv" runs_csv)  # (file(STRINGS) would drop the bytes of "α")
string(REGEX REPLACE "\n$" "" runs_csv "${runs_csv}")
string(REPLACE "\n" ";" rows "${runs_csv}")
list(LENGTH rows n_rows)
list(GET rows 0 header)
if(NOT n_rows EQUAL 5 OR NOT header MATCHES "^Compression ratio \\(%\\),\"Basis Sharing, n = 2, α: Plain sum\",\"Basis Sharing, n = 2, α: Inverse trace\",\"Basis Sharing, n = 2, α: Scale-normalised\"$")
  message(FATAL_ERROR "runs.csv: ${n_rows} lines\n${rows}")
endif()

# The same grid through basislab-cli on the same calibration: the same perplexities (6 digits).
execute_process(COMMAND "${CLI}" calibrate --model "${MODEL}" --text "${TEXT}" --windows 16 --seq-len 128
                        --out "${WORK}/calib.h5" --quiet RESULT_VARIABLE rc ERROR_VARIABLE cli_err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "basislab-cli calibrate: ${cli_err}")
endif()
execute_process(COMMAND "${CLI}" sweep --model "${MODEL}" --calib "${WORK}/calib.h5" --methods basis-sharing
                        --ratios 0.2,0.3,0.4,0.5 --group-sizes 2 --alphas none,inv-trace,normalised
                        --eval-text "${TEXT}" --window 256 --max-windows 8 --out "${WORK}/sweep.csv" --quiet
                RESULT_VARIABLE rc ERROR_VARIABLE cli_err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "basislab-cli sweep: ${cli_err}")
endif()
file(STRINGS "${WORK}/sweep.csv" sweep)
list(REMOVE_AT sweep 0 1)  # the header and the dense row
set(i 0)
foreach(line IN LISTS sweep)  # ratio-major, alpha none / inv-trace / normalised
  string(REPLACE "," ";" cells "${line}")
  list(GET cells 8 want_ppl)
  math(EXPR ratio_row "${i} / 3 + 1")
  math(EXPR column "${i} % 3 + 1")  # the column of this alpha form
  list(GET rows ${ratio_row} row)
  string(REPLACE "," ";" figure_cells "${row}")
  list(GET figure_cells ${column} got_ppl)
  # The figure keeps 17 digits; the CSV of sweep 6 decimals.
  string(REGEX MATCH "^[0-9]+\\.[0-9]*" got_ppl "${got_ppl}")
  string(REGEX REPLACE "^([0-9]+)\\.([0-9]*)$" "\\1" whole "${got_ppl}")
  string(REGEX REPLACE "^([0-9]+)\\.([0-9]*)$" "\\2000000000" frac "${got_ppl}")
  string(SUBSTRING "${frac}" 0 7 frac7)
  # Rounded half up at the 6th decimal, in integers (CMake's math has no floating point).
  math(EXPR rounded "${whole}${frac7} + 5")
  math(EXPR rounded "${rounded} / 10")
  string(REGEX REPLACE "^([0-9]+)\\.([0-9]*)$" "\\1\\2" want_digits "${want_ppl}")
  if(NOT rounded EQUAL want_digits)
    message(FATAL_ERROR "run ${i}: the figure has ppl ${got_ppl}, basislab-cli sweep ${want_ppl}\n${rows}\n${sweep}")
  endif()
  math(EXPR i "${i} + 1")
endforeach()
if(NOT i EQUAL 12)
  message(FATAL_ERROR "sweep wrote ${i} runs")
endif()

# Not the demo: a copy with one byte more in config.json.
file(COPY "${MODEL}/" DESTINATION "${WORK}/other")
file(APPEND "${WORK}/other/config.json" " ")
execute_process(COMMAND "${GUI}" --model "${WORK}/other" --export-figures "${WORK}/other-figures"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
if(NOT rc EQUAL 2 OR NOT err MATCHES "has no calibration: pass --calib-text FILE .* or --calib FILE.h5"
   OR EXISTS "${WORK}/other-figures")
  message(FATAL_ERROR "a model without calibration: exit ${rc}\n${err}")
endif()
execute_process(COMMAND "${GUI}" --model "${WORK}/other" --export-figures "${WORK}/other-figures"
                        --calib-text "${TEXT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
if(NOT rc EQUAL 0 OR NOT err MATCHES "calibrating the model \\(16 windows of 128 tokens of TinyStories-valid.txt\\)"
   OR NOT err MATCHES "wrote [^\n]*/other-figures/errors\\.svg" OR NOT err MATCHES "skipped runs \\(no data\\)")
  message(FATAL_ERROR "--calib-text: exit ${rc}\n${err}")
endif()
execute_process(COMMAND "${GUI}" --model "${WORK}/other" --export-figures "${WORK}/none" --calib "${WORK}/missing.h5"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 600)
if(NOT rc EQUAL 1 OR NOT err MATCHES "error: --calib: [^\n]*missing\\.h5")
  message(FATAL_ERROR "--calib of a missing file: exit ${rc}\n${err}")
endif()
file(REMOVE_RECURSE "${WORK}")
