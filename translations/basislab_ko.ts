<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CalibrationPlots</name>
    <message>
        <source>RMS norm √(tr G / N)</source>
        <translation>RMS 노름 √(tr G / N)</translation>
    </message>
    <message>
        <source>Mean squared norm tr G / N</source>
        <translation>평균 제곱 노름 tr G / N</translation>
    </message>
    <message>
        <source>Largest eigenvalue λ_max(G) / N</source>
        <translation>최대 고윳값 λ_max(G) / N</translation>
    </message>
    <message>
        <source>Frobenius norm ‖G‖_F / N</source>
        <translation>프로베니우스 노름 ‖G‖_F / N</translation>
    </message>
    <message>
        <source>Mean |x_j| over channels</source>
        <translation>채널 평균 |x_j|</translation>
    </message>
    <message>
        <source>attn_in (q, k, v)</source>
        <translation>attn_in (q, k, v)</translation>
    </message>
    <message>
        <source>o_in (o)</source>
        <translation>o_in (o)</translation>
    </message>
    <message>
        <source>mlp_in (gate, up)</source>
        <translation>mlp_in (gate, up)</translation>
    </message>
    <message>
        <source>down_in (down)</source>
        <translation>down_in (down)</translation>
    </message>
    <message>
        <source>Input scale per layer</source>
        <translation>층별 입력 스케일</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Gram eigen-spectrum, %1</source>
        <translation>그람 행렬 고윳값 스펙트럼, %1</translation>
    </message>
    <message>
        <source>Eigenvalue index</source>
        <translation>고윳값 번호</translation>
    </message>
    <message>
        <source>Share of the trace λ_i / Σλ</source>
        <translation>대각합 대비 비율 λ_i / Σλ</translation>
    </message>
    <message>
        <source>Eigenvalue λ_i / N</source>
        <translation>고윳값 λ_i / N</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>%1층</translation>
    </message>
    <message>
        <source>α per layer, %1</source>
        <translation>층별 α, %1</translation>
    </message>
    <message>
        <source>α_l (mean 1 per group)</source>
        <translation>α_l (그룹 평균 1)</translation>
    </message>
</context>
<context>
    <name>PlanText</name>
    <message>
        <source>Original (uncompressed)</source>
        <translation>원본 (압축 안 함)</translation>
    </message>
    <message>
        <source>Plain sum</source>
        <translation>단순 합</translation>
    </message>
    <message>
        <source>Sum the layers&apos; Grams as they are (plain Basis Sharing).</source>
        <translation>각 층의 그람 행렬을 그대로 더합니다 (보정 없는 기저 공유).</translation>
    </message>
    <message>
        <source>Inverse trace</source>
        <translation>대각합의 역수</translation>
    </message>
    <message>
        <source>Weight each layer by 1/tr(G): every layer&apos;s input energy counts equally.</source>
        <translation>각 층에 1/tr(G)의 가중치를 줍니다. 모든 층의 입력 에너지가 같은 비중을 갖습니다.</translation>
    </message>
    <message>
        <source>Inverse Frobenius norm</source>
        <translation>프로베니우스 노름의 역수</translation>
    </message>
    <message>
        <source>Weight each layer by 1/||G||_F, the Gram&apos;s Frobenius norm.</source>
        <translation>각 층에 그람 행렬의 프로베니우스 노름의 역수 1/||G||_F 가중치를 줍니다.</translation>
    </message>
    <message>
        <source>Inverse largest eigenvalue</source>
        <translation>최대 고윳값의 역수</translation>
    </message>
    <message>
        <source>Weight each layer by 1/lambda_max(G): its strongest input direction counts equally.</source>
        <translation>각 층에 1/lambda_max(G) 가중치를 줍니다. 층마다 가장 강한 입력 방향이 같은 비중을 갖습니다.</translation>
    </message>
    <message>
        <source>Inverse square-root trace</source>
        <translation>대각합 제곱근의 역수</translation>
    </message>
    <message>
        <source>Weight each layer by 1/sqrt(tr G), halfway between the plain sum and the inverse trace.</source>
        <translation>각 층에 1/sqrt(tr G) 가중치를 줍니다. 단순 합과 대각합의 역수의 중간입니다.</translation>
    </message>
    <message>
        <source>Trace power</source>
        <translation>대각합 거듭제곱</translation>
    </message>
    <message>
        <source>Weight each layer by tr(G)^-p for your p (p = 1 is the inverse trace).</source>
        <translation>고른 p에 대해 각 층에 tr(G)^-p 가중치를 줍니다 (p = 1이면 대각합의 역수).</translation>
    </message>
    <message>
        <source>Inverse output energy</source>
        <translation>출력 에너지의 역수</translation>
    </message>
    <message>
        <source>Weight each layer by 1/tr(W^T G W), its output energy; q, k and v may get different whitenings.</source>
        <translation>각 층에 출력 에너지의 역수 1/tr(W^T G W) 가중치를 줍니다. q, k, v의 화이트닝이 서로 달라질 수 있습니다.</translation>
    </message>
    <message>
        <source>Scale-normalised</source>
        <translation>스케일 정규화</translation>
    </message>
    <message>
        <source>Divide each layer&apos;s input by its RMS scale and fold the scale into W: invariant to moving scale between RMSNorm and the weights.</source>
        <translation>각 층의 입력을 RMS 스케일로 나누고 그 스케일을 W에 흡수합니다. RMSNorm과 가중치 사이에서 스케일을 옮겨도 결과가 변하지 않습니다.</translation>
    </message>
    <message>
        <source>Basis Sharing</source>
        <translation>기저 공유</translation>
    </message>
    <message>
        <source>Truncated SVD of each weight; the calibration is not used.</source>
        <translation>각 가중치의 절단 SVD. 보정 데이터는 쓰지 않습니다.</translation>
    </message>
    <message>
        <source>ASVD: scales input channels by their mean activation before the SVD.</source>
        <translation>ASVD: SVD 전에 입력 채널을 평균 활성값으로 스케일합니다.</translation>
    </message>
    <message>
        <source>FWSVD: weights the rows by Fisher information (calibrate with Fisher diagonals).</source>
        <translation>FWSVD: 행마다 피셔 정보로 가중합니다 (피셔 대각 성분을 포함해 보정하세요).</translation>
    </message>
    <message>
        <source>SVD-LLM: whitens each layer with its own calibration Gram.</source>
        <translation>SVD-LLM: 각 층을 자신의 보정 그람 행렬로 화이트닝합니다.</translation>
    </message>
    <message>
        <source>Basis Sharing: one whitened basis shared by a group of consecutive layers.</source>
        <translation>기저 공유: 연속한 층들의 그룹이 화이트닝된 기저 하나를 공유합니다.</translation>
    </message>
    <message>
        <source>%1 (p = %2)</source>
        <translation>%1 (p = %2)</translation>
    </message>
    <message>
        <source>Caution: the Basis Sharing paper found that sharing W_O across layers raised its loss; compare against sharing q, k, v, gate, up only.</source>
        <translation>주의: 기저 공유 논문에서는 W_O를 층 간에 공유하면 손실이 커졌습니다. q, k, v, gate, up만 공유한 결과와 비교하세요.</translation>
    </message>
    <message>
        <source>Caution: the Basis Sharing paper shares only q, k, v, gate and up; compare against that before sharing W_Down.</source>
        <translation>주의: 기저 공유 논문은 q, k, v, gate, up만 공유합니다. W_Down을 공유하기 전에 그 결과와 비교하세요.</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>균등</translation>
    </message>
    <message>
        <source>By error curves</source>
        <translation>오차 곡선 기준</translation>
    </message>
    <message>
        <source>Every group of a matrix type gets the same rank from the ratio.</source>
        <translation>같은 행렬 유형의 모든 그룹이 압축률로 정한 같은 랭크를 받습니다.</translation>
    </message>
    <message>
        <source>Ranks per group chosen to minimise the summed whitened error at the uniform plan&apos;s parameter count.</source>
        <translation>균등 계획과 같은 파라미터 수에서 화이트닝 오차의 합이 가장 작도록 그룹마다 랭크를 고릅니다.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Refit</source>
        <translation>재적합</translation>
    </message>
    <message>
        <source>Deviated inputs</source>
        <translation>편차 입력</translation>
    </message>
    <message>
        <source>Compensate</source>
        <translation>보상</translation>
    </message>
    <message>
        <source>Keep the coefficients the factorization gives.</source>
        <translation>분해가 준 계수를 그대로 둡니다.</translation>
    </message>
    <message>
        <source>Refit each layer&apos;s coefficients on its own Gram with the basis fixed.</source>
        <translation>기저를 고정하고 각 층의 계수를 그 층의 그람 행렬로 다시 적합합니다.</translation>
    </message>
    <message>
        <source>Refit each layer on the inputs it sees once the layers before it are compressed (SVD-LLM).</source>
        <translation>앞선 층들이 압축된 뒤 각 층이 받는 입력으로 그 층을 다시 적합합니다 (SVD-LLM).</translation>
    </message>
    <message>
        <source>Fit each layer&apos;s compressed inputs to its original outputs, correcting earlier layers&apos; errors.</source>
        <translation>각 층의 압축된 입력이 원래 출력을 내도록 적합하여 앞선 층들의 오차까지 보정합니다.</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Cannot write to the folder of %1: %2</source>
        <translation>%1의 폴더에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot write the figure %1</source>
        <translation>그림 %1을(를) 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot replace %1</source>
        <translation>%1을(를) 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>The figure size must be positive.</source>
        <translation>그림 크기는 0보다 커야 합니다.</translation>
    </message>
    <message>
        <source>The resolution must be between 10 and 2400 dpi.</source>
        <translation>해상도는 10에서 2400 dpi 사이여야 합니다.</translation>
    </message>
    <message>
        <source>The font size must be between 4 and 72 pt.</source>
        <translation>글꼴 크기는 4에서 72 pt 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>TextFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>초당 %1 토큰</translation>
    </message>
</context>
<context>
    <name>basislab::gui::CalibrationPage</name>
    <message>
        <source>Calibration Text</source>
        <translation>보정 텍스트</translation>
    </message>
    <message>
        <source>Text files (*.txt *.raw);;All files (*)</source>
        <translation>텍스트 파일 (*.txt *.raw);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>%1층</translation>
    </message>
    <message>
        <source>%1 windows × %2 tokens of %3 (%4 tokens per site), %5 on %6 (%7); took %8</source>
        <translation>%3의 윈도 %1개 × %2 토큰 (사이트당 %4 토큰), %6에서 %5 (%7); %8 걸림</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>저장 안 됨</translation>
    </message>
    <message>
        <source>No calibration yet: run one on a text, or load a saved one.</source>
        <translation>아직 보정이 없습니다. 텍스트로 보정을 실행하거나 저장된 보정을 불러오세요.</translation>
    </message>
    <message>
        <source>Calibration data</source>
        <translation>보정 데이터</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>텍스트:</translation>
    </message>
    <message>
        <source>UTF-8 text the calibration windows are cut from</source>
        <translation>보정 윈도를 잘라 낼 UTF-8 텍스트</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Choose the calibration text</source>
        <translation>보정 텍스트 선택</translation>
    </message>
    <message>
        <source>Windows:</source>
        <translation>윈도 수:</translation>
    </message>
    <message>
        <source>Number of calibration windows N</source>
        <translation>보정 윈도 개수 N</translation>
    </message>
    <message>
        <source>Sequence length:</source>
        <translation>시퀀스 길이:</translation>
    </message>
    <message>
        <source>Tokens per window L, including BOS</source>
        <translation>윈도당 토큰 수 L (BOS 포함)</translation>
    </message>
    <message>
        <source>Shuffle with seed</source>
        <translation>시드로 섞기</translation>
    </message>
    <message>
        <source>Pick N random windows of the text with this seed; off: the first N windows in order</source>
        <translation>이 시드로 텍스트에서 윈도 N개를 무작위로 고릅니다. 끄면 처음 N개 윈도를 순서대로 씁니다</translation>
    </message>
    <message>
        <source>Seed of the window shuffle</source>
        <translation>윈도 섞기에 쓸 시드</translation>
    </message>
    <message>
        <source>Scale measure:</source>
        <translation>스케일 척도:</translation>
    </message>
    <message>
        <source>How the size of a site&apos;s input is measured per layer (N: calibration tokens)</source>
        <translation>층마다 사이트 입력의 크기를 재는 방법 (N: 보정 토큰 수)</translation>
    </message>
    <message>
        <source>Site:</source>
        <translation>사이트:</translation>
    </message>
    <message>
        <source>Which input&apos;s Gram G = XᵀX to show</source>
        <translation>어느 입력의 그람 행렬 G = XᵀX를 보일지</translation>
    </message>
    <message>
        <source>Normalised</source>
        <translation>정규화</translation>
    </message>
    <message>
        <source>On: each eigenvalue&apos;s share of the trace; off: eigenvalues divided by the tokens N</source>
        <translation>켜면 각 고윳값이 대각합에서 차지하는 비율, 끄면 고윳값을 토큰 수 N으로 나눈 값</translation>
    </message>
    <message>
        <source>Layers whose spectra are drawn</source>
        <translation>스펙트럼을 그릴 층</translation>
    </message>
    <message>
        <source>Input scale</source>
        <translation>입력 스케일</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>스펙트럼</translation>
    </message>
    <message>
        <source>Per-layer input scale of each site, log scale</source>
        <translation>사이트별 층 입력 스케일 (로그 눈금)</translation>
    </message>
    <message>
        <source>Eigenvalues of the Gram of chosen layers, log scale</source>
        <translation>선택한 층의 그람 행렬 고윳값 (로그 눈금)</translation>
    </message>
    <message>
        <source>No calibration yet: run or load one to see the input scale per layer.</source>
        <translation>아직 보정이 없습니다. 보정을 실행하거나 불러오면 층별 입력 스케일이 보입니다.</translation>
    </message>
    <message>
        <source>No calibration yet: run or load one to see the Gram spectra.</source>
        <translation>아직 보정이 없습니다. 보정을 실행하거나 불러오면 그람 행렬 스펙트럼이 보입니다.</translation>
    </message>
    <message>
        <source>Calibration failed</source>
        <translation>보정 실패</translation>
    </message>
    <message>
        <source>Cannot load the calibration</source>
        <translation>보정을 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot save the calibration</source>
        <translation>보정을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Calibration cancelled</source>
        <translation>보정을 취소했습니다</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>보정</translation>
    </message>
    <message>
        <source>Choose a text file to calibrate on.</source>
        <translation>보정에 쓸 텍스트 파일을 고르세요.</translation>
    </message>
    <message>
        <source>Load Calibration</source>
        <translation>보정 불러오기</translation>
    </message>
    <message>
        <source>Calibrations (*.h5 *.hdf5);;All files (*)</source>
        <translation>보정 파일 (*.h5 *.hdf5);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save Calibration</source>
        <translation>보정 저장</translation>
    </message>
    <message>
        <source>Calibrations (*.h5)</source>
        <translation>보정 파일 (*.h5)</translation>
    </message>
    <message>
        <source>Also accumulate Fisher diagonals (for FWSVD; slower)</source>
        <translation>피셔 대각 성분도 누적 (FWSVD용, 더 느림)</translation>
    </message>
    <message>
        <source>Gradients of the language-model loss per weight, needed by the FWSVD method</source>
        <translation>가중치별 언어 모델 손실의 기울기. FWSVD 방법에 필요합니다</translation>
    </message>
    <message>
        <source>Calibrate</source>
        <translation>보정</translation>
    </message>
    <message>
        <source>Run the model over the windows on the worker thread and accumulate the Grams (Ctrl+R)</source>
        <translation>작업 스레드에서 윈도들에 모델을 돌려 그람 행렬을 누적합니다 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>불러오기…</translation>
    </message>
    <message>
        <source>Load a saved calibration (HDF5) of this model</source>
        <translation>이 모델의 저장된 보정(HDF5)을 불러옵니다</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>Save the calibration as an HDF5 file (readable with h5py)</source>
        <translation>보정을 HDF5 파일로 저장합니다 (h5py로 읽을 수 있음)</translation>
    </message>
    <message>
        <source>Matrix type:</source>
        <translation>행렬 종류:</translation>
    </message>
    <message>
        <source>Whose input Grams weigh the layers: q, k, v read attn_in, o reads o_in, gate and up read mlp_in, down reads down_in</source>
        <translation>어느 입력의 그람 행렬로 층의 가중치를 정할지: q, k, v는 attn_in, o는 o_in, gate와 up은 mlp_in, down은 down_in을 읽습니다</translation>
    </message>
    <message>
        <source>Layers per group:</source>
        <translation>그룹당 층 수:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>How many consecutive layers share a basis (all: one group); α is normalised to mean 1 within each group</source>
        <translation>기저를 공유하는 연속 층의 수 (전체: 그룹 하나). α는 그룹마다 평균이 1이 되도록 정규화됩니다</translation>
    </message>
    <message>
        <source>No calibration yet: run or load one to see the α each form gives.</source>
        <translation>아직 보정이 없습니다. 보정을 실행하거나 불러오면 형태별 α가 보입니다.</translation>
    </message>
    <message>
        <source>α per layer</source>
        <translation>층별 α</translation>
    </message>
    <message>
        <source>The layer weights α_l of the input scale calibration forms (inverse output energy needs the weights: see its effect in step 3)</source>
        <translation>입력 스케일 보정 형태별 층 가중치 α_l (출력 에너지의 역수는 가중치가 필요하므로 3단계에서 효과를 보세요)</translation>
    </message>
    <message>
        <source>Calibration Store</source>
        <translation>보정 저장 파일</translation>
    </message>
    <message>
        <source>HDF5 calibrations (*.h5);;All files (*)</source>
        <translation>HDF5 보정 파일 (*.h5);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>저장 파일:</translation>
    </message>
    <message>
        <source>a temporary file in the cache folder, removed unless you save it</source>
        <translation>캐시 폴더의 임시 파일 (저장하지 않으면 삭제됨)</translation>
    </message>
    <message>
        <source>The HDF5 file the Grams are written to, layer by layer; the workbench reads them from it when it needs them</source>
        <translation>그람 행렬을 층마다 기록하는 HDF5 파일. 워크벤치는 필요할 때 이 파일에서 읽습니다</translation>
    </message>
    <message>
        <source>Choose where the calibration store is written</source>
        <translation>보정 저장 파일을 기록할 위치를 고릅니다</translation>
    </message>
</context>
<context>
    <name>basislab::gui::CompressionPage</name>
    <message>
        <source>Change group size</source>
        <translation>그룹 크기 변경</translation>
    </message>
    <message>
        <source>Preview failed: %1</source>
        <translation>미리 보기 실패: %1</translation>
    </message>
    <message>
        <source>Change method to %1</source>
        <translation>방법을 %1(으)로 변경</translation>
    </message>
    <message>
        <source>Change ratio</source>
        <translation>압축률 변경</translation>
    </message>
    <message>
        <source>Change α form</source>
        <translation>α 형태 변경</translation>
    </message>
    <message>
        <source>Change compressed types</source>
        <translation>압축할 행렬 종류 변경</translation>
    </message>
    <message>
        <source>Change shared types</source>
        <translation>공유할 행렬 종류 변경</translation>
    </message>
    <message>
        <source>Computing the preview…</source>
        <translation>미리 보기를 계산하는 중…</translation>
    </message>
    <message>
        <source>Achieved ratio %1 of the compressed matrices · model %2 → %3 parameters (%4 smaller) · preview in %5 ms</source>
        <translation>압축한 행렬의 달성 압축률 %1 · 모델 파라미터 %2 → %3 (%4 감소) · 미리 보기 %5 ms</translation>
    </message>
    <message>
        <source>Reconstruction error per layer</source>
        <translation>층별 재구성 오차</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Relative whitened error</source>
        <translation>상대 화이트닝 오차</translation>
    </message>
    <message>
        <source>Relative Frobenius error</source>
        <translation>상대 프로베니우스 오차</translation>
    </message>
    <message>
        <source>This plan: %1</source>
        <translation>현재 계획: %1</translation>
    </message>
    <message>
        <source>This plan: α %1</source>
        <translation>현재 계획: α %1</translation>
    </message>
    <message>
        <source>Plain Basis Sharing</source>
        <translation>보정 없는 기저 공유</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>계획</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>방법:</translation>
    </message>
    <message>
        <source>How each group of weights is factorized</source>
        <translation>가중치 그룹마다 인수분해하는 방법</translation>
    </message>
    <message>
        <source>Ratio:</source>
        <translation>압축률:</translation>
    </message>
    <message>
        <source>Compression ratio: the fraction of the compressed matrices&apos; parameters removed</source>
        <translation>압축률: 압축하는 행렬의 파라미터 중 없애는 비율</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>행렬</translation>
    </message>
    <message>
        <source>Compress</source>
        <translation>압축</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>공유</translation>
    </message>
    <message>
        <source>Layers per group</source>
        <translation>그룹당 층 수</translation>
    </message>
    <message>
        <source>Which matrix types are compressed, which share one basis across consecutive layers, and how many layers share it</source>
        <translation>어떤 행렬 종류를 압축하고, 어떤 종류가 연속한 층에서 기저 하나를 공유하며, 몇 개 층이 공유하는지</translation>
    </message>
    <message>
        <source>α form:</source>
        <translation>α 형태:</translation>
    </message>
    <message>
        <source>Input scale calibration: how the layers of a shared group are weighted in the group&apos;s Gram</source>
        <translation>입력 스케일 보정: 공유 그룹의 그람 행렬에서 각 층에 주는 가중치</translation>
    </message>
    <message>
        <source>The exponent p of the trace power form tr(G)^-p</source>
        <translation>대각합 거듭제곱 형태 tr(G)^-p의 지수 p</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>오차:</translation>
    </message>
    <message>
        <source>whitened (output error on the calibration data)</source>
        <translation>화이트닝 (보정 데이터에서의 출력 오차)</translation>
    </message>
    <message>
        <source>Frobenius (weight error)</source>
        <translation>프로베니우스 (가중치 오차)</translation>
    </message>
    <message>
        <source>Whitened: ‖(W − Ŵ)ᵀX‖ relative to ‖WᵀX‖; Frobenius: ‖W − Ŵ‖ relative to ‖W‖</source>
        <translation>화이트닝: ‖WᵀX‖에 대한 ‖(W − Ŵ)ᵀX‖, 프로베니우스: ‖W‖에 대한 ‖W − Ŵ‖</translation>
    </message>
    <message>
        <source>Matrix:</source>
        <translation>행렬:</translation>
    </message>
    <message>
        <source>all compressed (mean)</source>
        <translation>압축한 전체 (평균)</translation>
    </message>
    <message>
        <source>Which matrix type&apos;s error to plot</source>
        <translation>오차를 그릴 행렬 종류</translation>
    </message>
    <message>
        <source>The live error preview needs a model and a calibration (steps 1 and 2).</source>
        <translation>실시간 오차 미리 보기에는 모델과 보정이 필요합니다 (1, 2단계).</translation>
    </message>
    <message>
        <source>Compress the %1 matrices</source>
        <translation>%1 행렬 압축</translation>
    </message>
    <message>
        <source>Share one basis for %1 across consecutive layers</source>
        <translation>연속한 층들이 %1의 기저 하나를 공유</translation>
    </message>
    <message>
        <source>How many consecutive layers share one basis for %1 (the last group may be smaller)</source>
        <translation>%1의 기저 하나를 공유하는 연속 층의 수 (마지막 그룹은 더 작을 수 있음)</translation>
    </message>
    <message>
        <source>Allocate ranks: %1</source>
        <translation>랭크 할당: %1</translation>
    </message>
    <message>
        <source>Allocated ranks: summed squared whitened error %1 (uniform ranks: %2)</source>
        <translation>할당한 랭크: 화이트닝 오차 제곱합 %1 (균등 랭크: %2)</translation>
    </message>
    <message>
        <source>Rank per layer</source>
        <translation>층별 랭크</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>랭크</translation>
    </message>
    <message>
        <source>%1 uniform</source>
        <translation>%1 균등</translation>
    </message>
    <message>
        <source>Ranks:</source>
        <translation>랭크:</translation>
    </message>
    <message>
        <source>How the parameter budget is spread over the groups and matrix types</source>
        <translation>파라미터 예산을 그룹과 행렬 유형에 나누는 방법</translation>
    </message>
    <message>
        <source>The ranks appear once the groups are factorised.</source>
        <translation>그룹이 분해되면 랭크가 나타납니다.</translation>
    </message>
    <message>
        <source>Update (%1): mean output error %2 → %3</source>
        <translation>업데이트 (%1): 평균 출력 오차 %2 → %3</translation>
    </message>
    <message>
        <source>Update failed: %1</source>
        <translation>업데이트 실패: %1</translation>
    </message>
    <message>
        <source>Change update to %1</source>
        <translation>업데이트를 %1(으)로 변경</translation>
    </message>
    <message>
        <source>The update needs a model and a calibration (steps 1 and 2).</source>
        <translation>업데이트에는 모델과 보정이 필요합니다 (1, 2단계).</translation>
    </message>
    <message>
        <source>√ output error on deviated inputs, before the update</source>
        <translation>편차 입력에서의 √ 출력 오차 (업데이트 전)</translation>
    </message>
    <message>
        <source>√ output error after the update (%1)</source>
        <translation>업데이트 후 √ 출력 오차 (%1)</translation>
    </message>
    <message>
        <source>Update:</source>
        <translation>업데이트:</translation>
    </message>
    <message>
        <source>How each layer&apos;s coefficients C_l are fitted once its basis is fixed</source>
        <translation>기저가 고정된 뒤 각 층의 계수 C_l을 적합하는 방법</translation>
    </message>
    <message>
        <source>Run Update</source>
        <translation>업데이트 실행</translation>
    </message>
    <message>
        <source>Stream the calibration windows through the original and the compressed model and update the coefficients; the output errors are drawn over the preview</source>
        <translation>보정 윈도우를 원래 모델과 압축된 모델에 나란히 통과시켜 계수를 업데이트합니다. 출력 오차는 미리보기 위에 그려집니다</translation>
    </message>
</context>
<context>
    <name>basislab::gui::EvaluationPage</name>
    <message>
        <source>Evaluation failed</source>
        <translation>평가 실패</translation>
    </message>
    <message>
        <source>Evaluation cancelled</source>
        <translation>평가를 취소했습니다</translation>
    </message>
    <message>
        <source>Evaluation Text</source>
        <translation>평가 텍스트</translation>
    </message>
    <message>
        <source>Text files (*.txt *.raw);;All files (*)</source>
        <translation>텍스트 파일 (*.txt *.raw);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Use as Reference for Δ PPL</source>
        <translation>Δ PPL 기준으로 사용</translation>
    </message>
    <message>
        <source>Clear Reference</source>
        <translation>기준 지우기</translation>
    </message>
    <message>
        <source>Remove Selected Runs</source>
        <translation>선택한 실행 삭제</translation>
    </message>
    <message>
        <source>Perplexity against compression ratio</source>
        <translation>압축률에 따른 퍼플렉서티</translation>
    </message>
    <message>
        <source>Compression ratio (%)</source>
        <translation>압축률 (%)</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>퍼플렉서티</translation>
    </message>
    <message>
        <source>Export Runs as CSV</source>
        <translation>실행 목록을 CSV로 내보내기</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Runs written to %1</source>
        <translation>실행 목록을 %1에 썼습니다</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Export Runs as LaTeX</source>
        <translation>실행 목록을 LaTeX로 내보내기</translation>
    </message>
    <message>
        <source>LaTeX (*.tex)</source>
        <translation>LaTeX (*.tex)</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>텍스트:</translation>
    </message>
    <message>
        <source>UTF-8 text file to measure perplexity on</source>
        <translation>퍼플렉서티를 잴 UTF-8 텍스트 파일</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Choose the evaluation text</source>
        <translation>평가 텍스트 선택</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>윈도:</translation>
    </message>
    <message>
        <source>Tokens per window, including BOS (the README&apos;s perplexity protocol)</source>
        <translation>윈도당 토큰 수, BOS 포함 (README의 퍼플렉서티 측정 규약)</translation>
    </message>
    <message>
        <source>Max windows:</source>
        <translation>최대 윈도 수:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Evaluate only the first N windows (all: the whole text)</source>
        <translation>처음 N개 윈도만 평가 (전체: 텍스트 전부)</translation>
    </message>
    <message>
        <source>Every evaluation; click a header to sort, right-click to compare or remove</source>
        <translation>모든 평가 결과. 머리글을 누르면 정렬, 오른쪽 클릭으로 비교하거나 삭제</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export the runs table as CSV</source>
        <translation>실행 표를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>LaTeX…</source>
        <translation>LaTeX…</translation>
    </message>
    <message>
        <source>Export the runs table as a LaTeX (booktabs) table</source>
        <translation>실행 표를 LaTeX (booktabs) 표로 내보내기</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Remove the selected runs</source>
        <translation>선택한 실행 삭제</translation>
    </message>
    <message>
        <source>No runs yet: evaluate to see perplexity against compression ratio.</source>
        <translation>아직 실행이 없습니다. 평가하면 압축률에 따른 퍼플렉서티가 보입니다.</translation>
    </message>
    <message>
        <source>Original model: perplexity %1 on %2 windows (%3 s)</source>
        <translation>원본 모델: 퍼플렉서티 %1 (윈도 %2개, %3초)</translation>
    </message>
    <message>
        <source>%1 at %2: perplexity %3 (%4 s)</source>
        <translation>%1, 압축률 %2: 퍼플렉서티 %3 (%4초)</translation>
    </message>
    <message>
        <source>Compressing needs a calibration: run or load one in step 2.</source>
        <translation>압축하려면 보정이 필요합니다. 2단계에서 보정을 실행하거나 불러오세요.</translation>
    </message>
    <message>
        <source>Evaluate Plan</source>
        <translation>계획 평가</translation>
    </message>
    <message>
        <source>Compress the model with the current plan and measure its perplexity on the worker thread (Ctrl+E); the result becomes a row of the runs table</source>
        <translation>작업 스레드에서 현재 계획으로 모델을 압축하고 퍼플렉서티를 잽니다 (Ctrl+E). 결과는 실행 표의 한 행이 됩니다</translation>
    </message>
    <message>
        <source>Evaluate Original</source>
        <translation>원본 평가</translation>
    </message>
    <message>
        <source>Measure the perplexity of the uncompressed model (Ctrl+Alt+E), the reference for the compressed runs</source>
        <translation>압축하지 않은 모델의 퍼플렉서티를 잽니다 (Ctrl+Alt+E). 압축한 실행들의 기준이 됩니다</translation>
    </message>
    <message>
        <source>Original model evaluated</source>
        <translation>원본 모델을 평가했습니다</translation>
    </message>
    <message>
        <source>Choose a text file or zero-shot task files to evaluate on.</source>
        <translation>평가할 텍스트 파일이나 제로샷 과제 파일을 고르세요.</translation>
    </message>
    <message>
        <source>BasisLab&apos;s: [BOS] + W−1 text tokens per window, the remainder dropped, mean over all tokens</source>
        <translation>BasisLab 방식: 창마다 [BOS] + 텍스트 토큰 W−1개, 나머지는 버림, 모든 토큰에 대한 평균</translation>
    </message>
    <message>
        <source>Basis Sharing&apos;s: one BOS at the start, windows of W tokens, a last partial window of 2 or more tokens kept, mean over windows of each window&apos;s mean loss</source>
        <translation>Basis Sharing 방식: 맨 앞에만 BOS, W 토큰 창, 2토큰 이상인 마지막 부분 창은 유지, 창마다의 평균 손실을 창에 대해 평균</translation>
    </message>
    <message>
        <source>SVD-LLM&apos;s: one BOS at the start, windows of W tokens, the remainder dropped, mean over all tokens</source>
        <translation>SVD-LLM 방식: 맨 앞에만 BOS, W 토큰 창, 나머지는 버림, 모든 토큰에 대한 평균</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>프로토콜:</translation>
    </message>
    <message>
        <source>How the text is cut into windows and the losses averaged (the README explains each)</source>
        <translation>텍스트를 창으로 나누고 손실을 평균하는 방식 (README에 각각 설명이 있습니다)</translation>
    </message>
</context>
<context>
    <name>basislab::gui::ExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation>그림 내보내기</translation>
    </message>
    <message>
        <source>Where the figure is written; the suffix chooses the format</source>
        <translation>그림을 쓸 위치. 확장자가 형식을 정합니다</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Choose the file to write</source>
        <translation>쓸 파일 선택</translation>
    </message>
    <message>
        <source>PDF (vector)</source>
        <translation>PDF (벡터)</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG (벡터)</translation>
    </message>
    <message>
        <source>PNG (raster)</source>
        <translation>PNG (래스터)</translation>
    </message>
    <message>
        <source>CSV (the plotted data)</source>
        <translation>CSV (그래프 데이터)</translation>
    </message>
    <message>
        <source>PDF and SVG stay sharp at any zoom; PNG is a bitmap at the chosen resolution</source>
        <translation>PDF와 SVG는 어떤 배율에서도 선명하고, PNG는 고른 해상도의 비트맵입니다</translation>
    </message>
    <message>
        <source>Width of the figure on paper</source>
        <translation>종이 위 그림 너비</translation>
    </message>
    <message>
        <source>Height of the figure on paper</source>
        <translation>종이 위 그림 높이</translation>
    </message>
    <message>
        <source>cm</source>
        <translation>cm</translation>
    </message>
    <message>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <source>Unit of width and height</source>
        <translation>너비와 높이의 단위</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Resolution of PNG images (dots per inch)</source>
        <translation>PNG 이미지 해상도 (인치당 점 수)</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Font size of labels, ticks and legend, in points on paper</source>
        <translation>축 이름, 눈금, 범례의 글꼴 크기 (종이 위 포인트)</translation>
    </message>
    <message>
        <source>Publication style</source>
        <translation>논문용 스타일</translation>
    </message>
    <message>
        <source>White background, thin axes, legend inside, no title: ready for a paper</source>
        <translation>흰 배경, 가는 축, 안쪽 범례, 제목 없음: 논문에 바로 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>파일:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>형식:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>크기:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>해상도:</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>글꼴 크기:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV (*.csv)</source>
        <translation>PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>basislab::gui::GridBox</name>
    <message numerus="yes">
        <source>Grid finished: %n run(s) added to the table</source>
        <translation>
            <numerusform>그리드 완료: 실행 %n개를 표에 추가했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid failed</source>
        <translation>그리드 실패</translation>
    </message>
    <message numerus="yes">
        <source>Grid cancelled; %n finished run(s) kept</source>
        <translation>
            <numerusform>그리드 취소됨: 끝난 실행 %n개는 남깁니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>그리드</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>실행 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>잘못된 입력</translation>
    </message>
    <message>
        <source>Ratios:</source>
        <translation>압축률:</translation>
    </message>
    <message>
        <source>Compression ratios of the grid, comma-separated, each in [0, 1)</source>
        <translation>그리드의 압축률 (쉼표로 구분, 각각 [0, 1) 범위)</translation>
    </message>
    <message>
        <source>α forms:</source>
        <translation>α 형태:</translation>
    </message>
    <message>
        <source>α forms of the grid, comma-separated (none, inv-trace, inv-fro, inv-max-eig, inv-sqrt-trace, inv-output, normalised, power:p); Basis Sharing only</source>
        <translation>그리드의 α 형태 (쉼표로 구분: none, inv-trace, inv-fro, inv-max-eig, inv-sqrt-trace, inv-output, normalised, power:p); 기저 공유에만 적용</translation>
    </message>
    <message>
        <source>Group sizes:</source>
        <translation>그룹 크기:</translation>
    </message>
    <message>
        <source>Layers per shared basis, comma-separated; 1 runs once per ratio (α has no effect)</source>
        <translation>기저 하나를 공유하는 층 수 (쉼표로 구분); 1은 압축률마다 한 번만 실행합니다 (α는 영향이 없음)</translation>
    </message>
    <message>
        <source>Run Grid</source>
        <translation>그리드 실행</translation>
    </message>
    <message>
        <source>Compress and evaluate every plan of the grid (the current plan with each ratio, α form and group size) as one job; each run becomes a row of the table</source>
        <translation>그리드의 모든 계획(현재 계획에 각 압축률, α 형태, 그룹 크기를 적용한 것)을 하나의 작업으로 압축하고 평가합니다. 실행마다 표의 한 행이 됩니다</translation>
    </message>
</context>
<context>
    <name>basislab::gui::JobPanel</name>
    <message>
        <source>Cancelled after %1</source>
        <translation>%1 후 취소됨</translation>
    </message>
    <message>
        <source>Failed after %1</source>
        <translation>%1 후 실패</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>%p% · layer %1 of %2</source>
        <translation>%p% · %2층 중 %1층</translation>
    </message>
    <message>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>남은 시간 %1</translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation>%1 만에 완료</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop the running job (Esc); nothing half-done is kept</source>
        <translation>실행 중인 작업을 멈춥니다 (Esc). 반쯤 된 결과는 남기지 않습니다</translation>
    </message>
    <message>
        <source>Progress of the running job</source>
        <translation>실행 중인 작업의 진행률</translation>
    </message>
    <message>
        <source>Throughput so far</source>
        <translation>지금까지의 처리 속도</translation>
    </message>
    <message>
        <source>Estimated time left</source>
        <translation>예상 남은 시간</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>%p% · run %1 of %2</source>
        <translation>%p% · 실행 %2개 중 %1번째</translation>
    </message>
</context>
<context>
    <name>basislab::gui::MainWindow</name>
    <message>
        <source>Cannot open the model</source>
        <translation>모델을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Opening the model…</source>
        <translation>모델을 여는 중…</translation>
    </message>
    <message>
        <source>Calibrating…</source>
        <translation>보정하는 중…</translation>
    </message>
    <message>
        <source>Loading the calibration…</source>
        <translation>보정을 불러오는 중…</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1을(를) 썼습니다</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>1  Model</source>
        <translation>1  모델</translation>
    </message>
    <message>
        <source>2  Calibration</source>
        <translation>2  보정</translation>
    </message>
    <message>
        <source>3  Compression</source>
        <translation>3  압축</translation>
    </message>
    <message>
        <source>4  Evaluation</source>
        <translation>4  평가</translation>
    </message>
    <message>
        <source>Open a model and choose where it computes</source>
        <translation>모델을 열고 계산할 장치를 고릅니다</translation>
    </message>
    <message>
        <source>Run or load a calibration and look at input scales and spectra</source>
        <translation>보정을 실행하거나 불러와 입력 스케일과 스펙트럼을 봅니다</translation>
    </message>
    <message>
        <source>Choose the method, ratio, groups and α form, with a live error preview</source>
        <translation>방법, 압축률, 그룹, α 형태를 고르며 오차를 실시간으로 미리 봅니다</translation>
    </message>
    <message>
        <source>Measure perplexity and compare runs</source>
        <translation>퍼플렉서티를 재고 실행 결과를 비교합니다</translation>
    </message>
    <message>
        <source>The compression pipeline, step by step (Ctrl+1 … Ctrl+4)</source>
        <translation>압축 파이프라인 단계 (Ctrl+1 … Ctrl+4)</translation>
    </message>
    <message>
        <source>&lt;b&gt;New here?&lt;/b&gt; Open the bundled demo model (stories260k, a tiny Llama) with its text, and walk through the whole pipeline in a minute on a laptop CPU.</source>
        <translation>&lt;b&gt;처음이신가요?&lt;/b&gt; 함께 들어 있는 데모 모델(작은 Llama인 stories260k)과 텍스트를 열면 노트북 CPU에서 1분 만에 전체 파이프라인을 따라가 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Open Demo Model</source>
        <translation>데모 모델 열기</translation>
    </message>
    <message>
        <source>Open the bundled stories260k model and its demo text</source>
        <translation>함께 들어 있는 stories260k 모델과 데모 텍스트 열기</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>Hide this offer; the demo stays in the File menu</source>
        <translation>이 안내를 숨깁니다. 데모는 파일 메뉴에 남아 있습니다</translation>
    </message>
    <message>
        <source>The job running on the worker thread</source>
        <translation>작업 스레드에서 실행 중인 작업</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Recent &amp;Models</source>
        <translation>최근 모델(&amp;M)</translation>
    </message>
    <message>
        <source>Recent &amp;Sessions</source>
        <translation>최근 세션(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>모델 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a Hugging Face Llama model folder</source>
        <translation>Hugging Face Llama 모델 폴더 열기</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>데모 모델 열기(&amp;D)</translation>
    </message>
    <message>
        <source>Open the bundled stories260k model with its demo text</source>
        <translation>함께 들어 있는 stories260k 모델과 데모 텍스트 열기</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>세션 열기(&amp;S)…</translation>
    </message>
    <message>
        <source>Restore a saved session: model, calibration, plan and runs</source>
        <translation>저장된 세션(모델, 보정, 계획, 실행 목록)을 되살립니다</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>세션 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the model, calibration, plan and runs as a session file</source>
        <translation>모델, 보정, 계획, 실행 목록을 세션 파일로 저장합니다</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>다른 이름으로 세션 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation>세션을 새 이름으로 저장합니다</translation>
    </message>
    <message>
        <source>&amp;Export All Figures…</source>
        <translation>모든 그림 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Write every plot as PNG, PDF and SVG (and CSV) to a folder</source>
        <translation>모든 그래프를 PNG, PDF, SVG(와 CSV)로 한 폴더에 씁니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the workbench; a running job is cancelled</source>
        <translation>워크벤치를 닫습니다. 실행 중인 작업은 취소됩니다</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <source>Language, CPU threads and resets</source>
        <translation>언어, CPU 스레드, 초기화</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>작업 취소(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation>실행 중인 작업을 취소합니다</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>모델(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Calibration</source>
        <translation>보정(&amp;C)</translation>
    </message>
    <message>
        <source>Com&amp;pression</source>
        <translation>압축(&amp;P)</translation>
    </message>
    <message>
        <source>E&amp;valuation</source>
        <translation>평가(&amp;V)</translation>
    </message>
    <message>
        <source>Go to step %1</source>
        <translation>%1단계로 이동</translation>
    </message>
    <message>
        <source>&amp;About BasisLab</source>
        <translation>BasisLab 정보(&amp;A)</translation>
    </message>
    <message>
        <source>What BasisLab is and how to use it</source>
        <translation>BasisLab이 무엇이고 어떻게 쓰는지</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>The Qt version in use</source>
        <translation>사용 중인 Qt 버전</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1을(를) 여는 중…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>데모</translation>
    </message>
    <message>
        <source>The bundled demo model (resources/demo/stories260k) was not found. Set BASISLAB_DEMO_DIR to the folder that holds stories260k.</source>
        <translation>함께 들어 있는 데모 모델(resources/demo/stories260k)을 찾지 못했습니다. BASISLAB_DEMO_DIR을 stories260k가 들어 있는 폴더로 설정하세요.</translation>
    </message>
    <message>
        <source>Opened %1 on %2</source>
        <translation>%1을(를) %2에서 열었습니다</translation>
    </message>
    <message>
        <source>Cannot open the session</source>
        <translation>세션을 열 수 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>Session opened with %n warning(s); see the log</source>
        <translation>
            <numerusform>세션을 열었지만 경고가 %n개 있습니다. 로그를 보세요</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the session</source>
        <translation>세션을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>세션을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation>모델 폴더 열기</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>세션 열기</translation>
    </message>
    <message>
        <source>BasisLab sessions (*.blsession);;All files (*)</source>
        <translation>BasisLab 세션 (*.blsession);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>세션 저장</translation>
    </message>
    <message>
        <source>BasisLab sessions (*.blsession)</source>
        <translation>BasisLab 세션 (*.blsession)</translation>
    </message>
    <message>
        <source>Export All Figures To</source>
        <translation>모든 그림을 내보낼 폴더</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1</source>
        <translation>
            <numerusform>%1에 파일 %n개를 썼습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>About BasisLab</source>
        <translation>BasisLab 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;BasisLab %1&lt;/h3&gt;&lt;p&gt;A workbench for compressing Llama models by low-rank SVD with cross-layer &lt;b&gt;basis sharing&lt;/b&gt;, and for studying why layer-wise input scale calibration helps.&lt;/p&gt;&lt;p&gt;Work through the steps on the left: open a model, calibrate it on a text, choose a compression plan while the reconstruction error updates live, and evaluate perplexity. Every plot exports to PDF, SVG and PNG; sessions keep everything for later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;BasisLab %1&lt;/h3&gt;&lt;p&gt;층 간 &lt;b&gt;기저 공유&lt;/b&gt;를 쓰는 저랭크 SVD로 Llama 모델을 압축하고, 층별 입력 스케일 보정이 왜 도움이 되는지 연구하는 워크벤치입니다.&lt;/p&gt;&lt;p&gt;왼쪽 단계를 차례로 따라가세요. 모델을 열고, 텍스트로 보정하고, 재구성 오차를 실시간으로 보며 압축 계획을 고르고, 퍼플렉서티를 평가합니다. 모든 그래프는 PDF, SVG, PNG로 내보낼 수 있고, 세션에 모든 것을 저장해 두었다가 다시 열 수 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>저장하지 않은 변경</translation>
    </message>
    <message>
        <source>The session has unsaved changes. Save them first?</source>
        <translation>세션에 저장하지 않은 변경이 있습니다. 먼저 저장할까요?</translation>
    </message>
    <message>
        <source>Calibration saved to %1</source>
        <translation>보정을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Cannot load the session&apos;s calibration</source>
        <translation>세션의 보정을 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>Evaluating the original model…</source>
        <translation>원본 모델을 평가하는 중…</translation>
    </message>
    <message>
        <source>Compressing and evaluating…</source>
        <translation>압축하고 평가하는 중…</translation>
    </message>
    <message>
        <source>Saving the calibration…</source>
        <translation>보정을 저장하는 중…</translation>
    </message>
    <message>
        <source>Saving the session…</source>
        <translation>세션을 저장하는 중…</translation>
    </message>
    <message>
        <source>&amp;Calibrate</source>
        <translation>보정(&amp;C)</translation>
    </message>
    <message>
        <source>Run a calibration with the settings of step 2</source>
        <translation>2단계의 설정으로 보정을 실행합니다</translation>
    </message>
    <message>
        <source>&amp;Evaluate Plan</source>
        <translation>계획 평가(&amp;E)</translation>
    </message>
    <message>
        <source>Compress with the current plan and measure perplexity</source>
        <translation>현재 계획으로 압축하고 퍼플렉서티를 잽니다</translation>
    </message>
    <message>
        <source>Evaluate &amp;Original Model</source>
        <translation>원본 모델 평가(&amp;O)</translation>
    </message>
    <message>
        <source>Measure the perplexity of the uncompressed model</source>
        <translation>압축하지 않은 모델의 퍼플렉서티를 잽니다</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>보정</translation>
    </message>
    <message>
        <source>The calibration file %1 has changed since the session was saved: it holds another calibration of this model.</source>
        <translation>세션을 저장한 뒤 보정 파일 %1이(가) 바뀌었습니다. 이 모델의 다른 보정이 들어 있습니다.</translation>
    </message>
    <message>
        <source>Calibrated in %1</source>
        <translation>%1 만에 보정했습니다</translation>
    </message>
    <message>
        <source>Loaded the calibration %1</source>
        <translation>보정 %1을(를) 불러왔습니다</translation>
    </message>
    <message>
        <source>Saving the session to %1…</source>
        <translation>세션을 %1에 저장하는 중…</translation>
    </message>
    <message>
        <source>Evaluating a grid of plans…</source>
        <translation>계획 그리드를 평가하는 중…</translation>
    </message>
    <message>
        <source>Updating the coefficients on deviated inputs…</source>
        <translation>편차 입력으로 계수를 업데이트하는 중…</translation>
    </message>
    <message>
        <source>The calibration (%1) is larger than %2: the session links it instead of embedding it.</source>
        <translation>보정(%1)이 %2보다 커서 세션에 포함하지 않고 링크합니다.</translation>
    </message>
    <message>
        <source>The calibration is moved from the cache folder to %1 beside the session.</source>
        <translation>보정을 캐시 폴더에서 세션 옆의 %1(으)로 옮깁니다.</translation>
    </message>
</context>
<context>
    <name>basislab::gui::ModelPage</name>
    <message>
        <source>No model is open. Open a Hugging Face Llama folder (Ctrl+O), drop one here, or try the bundled demo.</source>
        <translation>열린 모델이 없습니다. Hugging Face Llama 폴더를 열거나(Ctrl+O) 여기로 끌어다 놓거나, 함께 들어 있는 데모를 써 보세요.</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>구조:</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>층 수:</translation>
    </message>
    <message>
        <source>Hidden size:</source>
        <translation>은닉 크기:</translation>
    </message>
    <message>
        <source>Intermediate size:</source>
        <translation>중간 크기:</translation>
    </message>
    <message>
        <source>Attention heads:</source>
        <translation>어텐션 헤드:</translation>
    </message>
    <message>
        <source>%1 (key/value %2, head dim %3)</source>
        <translation>%1 (키/값 %2, 헤드 차원 %3)</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>어휘 크기:</translation>
    </message>
    <message>
        <source>Max positions:</source>
        <translation>최대 위치:</translation>
    </message>
    <message>
        <source>Tied embeddings:</source>
        <translation>임베딩 공유:</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation>저장 형식:</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 in %n file(s)</source>
        <translation>
            <numerusform>%1, 파일 %n개에 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>메모리:</translation>
    </message>
    <message>
        <source>%1 as float32, %2 as bfloat16</source>
        <translation>float32로 %1, bfloat16으로 %2</translation>
    </message>
    <message>
        <source>Tokenizer:</source>
        <translation>토크나이저:</translation>
    </message>
    <message>
        <source>tokenizer.model (SentencePiece)</source>
        <translation>tokenizer.model (SentencePiece)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>임베딩</translation>
    </message>
    <message>
        <source>lm_head</source>
        <translation>lm_head</translation>
    </message>
    <message>
        <source>norms</source>
        <translation>정규화 층</translation>
    </message>
    <message>
        <source>total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Open Model…</source>
        <translation>모델 열기…</translation>
    </message>
    <message>
        <source>Open a Hugging Face Llama folder (config.json, safetensors, tokenizer.model)</source>
        <translation>Hugging Face Llama 폴더 열기 (config.json, safetensors, tokenizer.model)</translation>
    </message>
    <message>
        <source>Open Demo Model</source>
        <translation>데모 모델 열기</translation>
    </message>
    <message>
        <source>Open the bundled stories260k tiny Llama: the whole pipeline runs in a minute on a CPU</source>
        <translation>함께 들어 있는 작은 Llama인 stories260k를 엽니다. CPU에서 1분이면 전체 파이프라인이 돌아갑니다</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>장치:</translation>
    </message>
    <message>
        <source>Compute dtype:</source>
        <translation>계산 자료형:</translation>
    </message>
    <message>
        <source>Where LibTorch computes: the CPU or one of the CUDA devices it sees</source>
        <translation>LibTorch가 계산할 곳: CPU 또는 LibTorch가 보는 CUDA 장치</translation>
    </message>
    <message>
        <source>Precision of the forward pass; float16 needs a CUDA device</source>
        <translation>순전파 정밀도. float16은 CUDA 장치가 필요합니다</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>구조</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>행렬</translation>
    </message>
    <message>
        <source>Shape per layer (d_in × d_out)</source>
        <translation>층당 모양 (d_in × d_out)</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>비율</translation>
    </message>
    <message>
        <source>Parameter counts per matrix type, summed over all layers</source>
        <translation>행렬 종류별 파라미터 수 (모든 층의 합)</translation>
    </message>
    <message>
        <source>memory unknown</source>
        <translation>메모리 알 수 없음</translation>
    </message>
    <message>
        <source>%1 total, %2 free</source>
        <translation>전체 %1, 여유 %2</translation>
    </message>
    <message>
        <source>The chosen device&apos;s memory when the workbench started: the host&apos;s for the CPU, the GPU&apos;s for CUDA</source>
        <translation>워크벤치를 시작할 때 읽은 선택한 장치의 메모리: CPU는 호스트 메모리, CUDA는 GPU 메모리</translation>
    </message>
    <message>
        <source>none (CPU)</source>
        <translation>없음 (CPU)</translation>
    </message>
    <message>
        <source>%1 windows × %2 tokens (the Calibration step&apos;s settings)</source>
        <translation>윈도 %1개 × %2 토큰 (보정 단계의 설정)</translation>
    </message>
    <message>
        <source>Host memory: %1 (weights %2 + working set %3)</source>
        <translation>호스트 메모리: %1 (가중치 %2 + 작업 집합 %3)</translation>
    </message>
    <message>
        <source>Device memory: %1</source>
        <translation>장치 메모리: %1</translation>
    </message>
    <message>
        <source>Disk: %1 for the calibration store (a temporary file in the cache folder until you save it)</source>
        <translation>디스크: 보정 저장 파일에 %1 (저장하기 전까지는 캐시 폴더의 임시 파일)</translation>
    </message>
    <message>
        <source>Calibration job (estimate)</source>
        <translation>보정 작업 (추정)</translation>
    </message>
    <message>
        <source>What calibrating with the current settings needs, from the model&apos;s shapes: a calibration that would not fit on the disk is refused before it starts</source>
        <translation>현재 설정으로 보정할 때 필요한 자원을 모델의 형태로부터 추정합니다. 디스크에 들어가지 않는 보정은 시작하기 전에 거부됩니다</translation>
    </message>
    <message>
        <source>Disk: %1 for the calibration store %2</source>
        <translation>디스크: 보정 저장 파일 %2에 %1</translation>
    </message>
</context>
<context>
    <name>basislab::gui::PlotView</name>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Export this plot as a figure (PDF, SVG, PNG) or its data as CSV</source>
        <translation>이 그래프를 그림(PDF, SVG, PNG)이나 데이터(CSV)로 내보냅니다</translation>
    </message>
    <message>
        <source>Export Figure or Data…</source>
        <translation>그림 또는 데이터 내보내기…</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>이미지 복사</translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation>보기 초기화</translation>
    </message>
    <message>
        <source>Drag to pan, scroll to zoom; right-click for export</source>
        <translation>끌어서 이동, 스크롤로 확대/축소, 오른쪽 클릭으로 내보내기</translation>
    </message>
</context>
<context>
    <name>basislab::gui::RunsTableModel</name>
    <message>
        <source>%1, window %2 × %3 windows, %4 (%5), finished %6</source>
        <translation>%1, 윈도 %2 × %3개, %4 (%5), %6에 끝남</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>압축률</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>달성</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>α form</source>
        <translation>α 형태</translation>
    </message>
    <message>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <source>Δ PPL</source>
        <translation>Δ PPL</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오차</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Target compression ratio: the fraction of projection parameters removed</source>
        <translation>목표 압축률: 없앨 투영 행렬 파라미터의 비율</translation>
    </message>
    <message>
        <source>Compression ratio the plan actually reached</source>
        <translation>계획이 실제로 도달한 압축률</translation>
    </message>
    <message>
        <source>Matrix types that share one basis, and how many layers share it</source>
        <translation>기저 하나를 공유하는 행렬 종류와 그 기저를 공유하는 층 수</translation>
    </message>
    <message>
        <source>Mean relative reconstruction error over layers and matrix types</source>
        <translation>층과 행렬 종류에 대한 평균 상대 재구성 오차</translation>
    </message>
    <message>
        <source>Wall time of the evaluation</source>
        <translation>평가에 걸린 시간</translation>
    </message>
    <message>
        <source>Perplexity of compressed models.</source>
        <translation>압축한 모델의 퍼플렉서티.</translation>
    </message>
    <message numerus="yes">
        <source>Mean zero-shot accuracy over the %n task(s) this run scored</source>
        <translation>
            <numerusform>이 실행이 채점한 과제 %n개에 대한 평균 제로샷 정확도</numerusform>
        </translation>
    </message>
    <message>
        <source>This run did not score %1</source>
        <translation>이 실행은 %1을(를) 채점하지 않았습니다</translation>
    </message>
    <message>
        <source>%1: acc %2 ± %3 on %4 documents</source>
        <translation>%1: acc %2 ± %3 (문서 %4개)</translation>
    </message>
    <message>
        <source>, acc_norm %1 ± %2</source>
        <translation>, acc_norm %1 ± %2</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>프로토콜</translation>
    </message>
    <message>
        <source>%1 acc</source>
        <translation>%1 acc</translation>
    </message>
    <message>
        <source>Mean acc</source>
        <translation>평균 acc</translation>
    </message>
    <message>
        <source>Perplexity difference to the reference run (right-click a run to make it the reference); only between runs of the same protocol</source>
        <translation>기준 실행과의 퍼플렉서티 차이 (실행을 오른쪽 클릭해 기준으로 지정). 같은 프로토콜의 실행끼리만 비교합니다</translation>
    </message>
    <message>
        <source>The perplexity protocol: basislab, basis-sharing or svd-llm (see the README)</source>
        <translation>퍼플렉서티 프로토콜: basislab, basis-sharing 또는 svd-llm (README 참고)</translation>
    </message>
    <message>
        <source>Zero-shot accuracy (%) on %1, scored as lm-evaluation-harness 0.4.3</source>
        <translation>%1의 제로샷 정확도 (%), lm-evaluation-harness 0.4.3 방식으로 채점</translation>
    </message>
    <message>
        <source>Mean zero-shot accuracy (%) over the tasks a run scored</source>
        <translation>실행이 채점한 과제에 대한 평균 제로샷 정확도 (%)</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>업데이트</translation>
    </message>
</context>
<context>
    <name>basislab::gui::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>환경 설정</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>시스템 기본값 (%1)</translation>
    </message>
    <message>
        <source>Language of the user interface; it changes at once</source>
        <translation>사용자 인터페이스 언어. 바로 바뀝니다</translation>
    </message>
    <message>
        <source>all (%1)</source>
        <translation>전부 (%1)</translation>
    </message>
    <message>
        <source>CPU threads LibTorch computes with; applies when a model is next opened</source>
        <translation>LibTorch가 계산에 쓸 CPU 스레드 수. 다음에 모델을 열 때 적용됩니다</translation>
    </message>
    <message>
        <source>Clear the recent models and sessions</source>
        <translation>최근 모델과 세션 목록 지우기</translation>
    </message>
    <message>
        <source>Empties the File ▸ Recent menus</source>
        <translation>파일 ▸ 최근 메뉴를 비웁니다</translation>
    </message>
    <message>
        <source>Offer the demo model again at the next start</source>
        <translation>다음 시작 때 데모 모델 안내 다시 보이기</translation>
    </message>
    <message>
        <source>Shows the demo banner again when the workbench starts without a model</source>
        <translation>모델 없이 워크벤치를 시작할 때 데모 안내를 다시 보입니다</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 스레드:</translation>
    </message>
    <message>
        <source>Embed the calibration in saved sessions</source>
        <translation>저장하는 세션에 보정 포함</translation>
    </message>
    <message>
        <source>On: a session is one self-contained file (large for big models); off: it links the calibration file</source>
        <translation>켜면 세션이 모든 것을 담은 파일 하나가 됩니다 (큰 모델에서는 큽니다). 끄면 보정 파일에 연결만 합니다</translation>
    </message>
    <message>
        <source>Sessions:</source>
        <translation>세션:</translation>
    </message>
</context>
<context>
    <name>basislab::gui::StatusIndicator</name>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <source>Device: %1   Memory: %2</source>
        <translation>장치: %1   메모리: %2</translation>
    </message>
    <message>
        <source>Where the open model computes, and the memory this process uses (resident set size)</source>
        <translation>열린 모델이 계산하는 곳과 이 프로세스가 쓰는 메모리 (상주 메모리 크기)</translation>
    </message>
    <message>
        <source>   Device memory in use: %1</source>
        <translation>   사용 중인 장치 메모리: %1</translation>
    </message>
</context>
<context>
    <name>basislab::gui::ZeroShotBox</name>
    <message>
        <source>Zero-shot Task Files</source>
        <translation>제로샷 과제 파일</translation>
    </message>
    <message>
        <source>JSON Lines task files (*.jsonl);;All files (*)</source>
        <translation>JSON Lines 과제 파일 (*.jsonl);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Zero-shot Accuracy</source>
        <translation>제로샷 정확도</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>과제:</translation>
    </message>
    <message>
        <source>none: perplexity only</source>
        <translation>없음: 퍼플렉서티만</translation>
    </message>
    <message>
        <source>JSON Lines task files separated by &apos;;&apos; (see the README). Every evaluation also scores them as lm-evaluation-harness 0.4.3 does; their accuracies become columns of the runs table</source>
        <translation>&apos;;&apos;로 구분한 JSON Lines 과제 파일 (README 참고). 모든 평가가 이 과제도 lm-evaluation-harness 0.4.3과 같은 방식으로 채점하며, 그 정확도는 실행 표의 열이 됩니다</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Choose one or more task files</source>
        <translation>과제 파일을 하나 이상 고릅니다</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Score no zero-shot tasks</source>
        <translation>제로샷 과제를 채점하지 않습니다</translation>
    </message>
</context>
</TS>
