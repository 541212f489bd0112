package main

import (
	"fmt"
	"image/color"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var palette = []color.Color{
	color.RGBA{R: 0x4e, G: 0x79, B: 0xa7, A: 0xff}, // blue
	color.RGBA{R: 0xf2, G: 0x8e, B: 0x2b, A: 0xff}, // orange
	color.RGBA{R: 0x59, G: 0xa1, B: 0x4f, A: 0xff}, // green
	color.RGBA{R: 0xe1, G: 0x57, B: 0x59, A: 0xff}, // red
}

var targetColor = color.RGBA{R: 0xc0, G: 0x10, B: 0x10, A: 0xff}

// plot draws the report's figures as a 2×3 grid of panels into a PNG.
func (r *report) plot(path string) error {
	panels := [][]*plot.Plot{
		{r.editorPanel("p50"), r.editorPanel("p99"), r.startupPanel()},
		{r.searchLatencyPanel(), r.relevancePanel(), r.scalePanel()},
	}
	const w, h = 18 * vg.Inch, 10 * vg.Inch
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96), vgimg.UseBackgroundColor(color.White))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 2, Cols: 3, PadTop: vg.Points(10), PadBottom: vg.Points(10), PadLeft: vg.Points(10), PadRight: vg.Points(10), PadX: vg.Points(30), PadY: vg.Points(30)}
	canvases := plot.Align(panels, tiles, dc)
	for i := range panels {
		for j := range panels[i] {
			panels[i][j].Draw(canvases[i][j])
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func newPanel(title, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = font.Length(15)
	p.Y.Label.Text = ylabel
	p.Y.Label.TextStyle.Font.Size = font.Length(12)
	p.X.Tick.Label.Font.Size = font.Length(12)
	p.Y.Tick.Label.Font.Size = font.Length(11)
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = font.Length(11)
	p.Y.Min = 0
	p.Add(plotter.NewGrid())
	return p
}

// bars adds grouped bars: one series per name, one bar per group.
func bars(p *plot.Plot, groups []string, names []string, values [][]float64, width vg.Length) {
	n := len(names)
	for k, name := range names {
		b, err := plotter.NewBarChart(plotter.Values(values[k]), width)
		if err != nil {
			continue
		}
		b.Color = palette[k%len(palette)]
		b.LineStyle.Width = 0
		b.Offset = vg.Length(float64(k)-float64(n-1)/2) * width
		p.Add(b)
		p.Legend.Add(name, b)
	}
	p.NominalX(groups...)
	p.X.Min, p.X.Max = -0.6, float64(len(groups))-0.4
}

// headroom raises the top of the Y axis above the tallest bar or mark, for the legend's lines.
func headroom(p *plot.Plot, legendLines int) {
	p.Y.Max *= 1.15 + 0.09*float64(legendLines)
}

// targetMarks draws a short red line over each group at its target value.
func targetMarks(p *plot.Plot, targets []float64, label string) {
	first := true
	for i, t := range targets {
		if t <= 0 {
			continue
		}
		l, err := plotter.NewLine(plotter.XYs{{X: float64(i) - 0.45, Y: t}, {X: float64(i) + 0.45, Y: t}})
		if err != nil {
			continue
		}
		l.Color = targetColor
		l.Width = vg.Points(2)
		l.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
		p.Add(l)
		if first {
			p.Legend.Add(label, l)
			first = false
		}
	}
}

// editorPanel: per request kind, one bar per file size, the worst language's percentile.
func (r *report) editorPanel(which string) *plot.Plot {
	p := newPanel(fmt.Sprintf("Editor latency %s (worst of JS/Go/Python)", which), "ms (round trip over stdio)")
	if r.Editor == nil {
		return p
	}
	var names []string
	var values [][]float64
	for _, lines := range r.cfg.sizes {
		row := make([]float64, len(editorKinds))
		actual := 0
		for k, kind := range editorKinds {
			for _, c := range r.Editor.Cells {
				if c.Size != lines {
					continue
				}
				actual = c.Size
				l := c.Steady[kind]
				v := l.P50
				if which == "p99" {
					v = l.P99
				}
				row[k] = max(row[k], msf(v))
			}
		}
		if actual == 0 {
			continue
		}
		names = append(names, thousands(actual)+" lines")
		values = append(values, row)
	}
	bars(p, []string{"hover", "completion", "signature", "ws/symbol"}, names, values, vg.Points(22))
	legend := len(names)
	if which == "p99" {
		targetMarks(p, []float64{2, 5, 2, 5}, "target (5,000 lines)")
		legend++
	}
	headroom(p, legend)
	return p
}

func (r *report) startupPanel() *plot.Plot {
	p := newPanel("Start-up, warm cache (median)", "ms from spawn")
	if r.Warm == nil {
		return p
	}
	var lo, hi []float64
	for _, run := range r.Warm.Runs {
		if len(lo) == 0 {
			lo, hi = []float64{msf(run.Init), msf(run.FirstHover)}, []float64{msf(run.Init), msf(run.FirstHover)}
		}
		lo[0], hi[0] = min(lo[0], msf(run.Init)), max(hi[0], msf(run.Init))
		lo[1], hi[1] = min(lo[1], msf(run.FirstHover)), max(hi[1], msf(run.FirstHover))
	}
	names := []string{fmt.Sprintf("median of %d (peak RSS %.0f MB)", len(r.Warm.Runs), float64(r.Warm.HWMKB)/1024), "fastest", "slowest"}
	values := [][]float64{{msf(r.Warm.Init), msf(r.Warm.FirstHover)}, lo, hi}
	bars(p, []string{"initialize answered", "first hover answered"}, names, values, vg.Points(32))
	targetMarks(p, []float64{0, 150}, "target (150 ms)")
	if r.Cold != nil {
		p.Title.Text = fmt.Sprintf("Start-up, warm cache (cold: first hover %s ms, RSS %.0f MB)", ms(r.Cold.FirstHover), float64(r.Cold.HWMKB)/1024)
	}
	headroom(p, len(names)+1)
	return p
}

func (r *report) searchLatencyPanel() *plot.Plot {
	p := newPanel("MCP workos_search round trip", "ms")
	if r.Search == nil {
		return p
	}
	var names []string
	var values [][]float64
	for _, s := range []*searchSide{r.Search.Ours, r.Search.Theirs} {
		if s == nil {
			continue
		}
		names = append(names, fmt.Sprintf("%s: p50 %s, p99 %s ms", s.Name, ms(s.Latency.P50), ms(s.Latency.P99)))
		values = append(values, []float64{msf(s.Latency.P50), msf(s.Latency.P99)})
	}
	bars(p, []string{"p50", "p99"}, names, values, vg.Points(40))
	if t := r.Search.Theirs; t != nil && r.Search.Ours.Latency.P50 > 0 && r.Search.Ours.Latency.P99 > 0 {
		p.Title.Text = fmt.Sprintf("MCP workos_search round trip: ours %.0f× faster at p50, %.0f× at p99",
			float64(t.Latency.P50)/float64(r.Search.Ours.Latency.P50), float64(t.Latency.P99)/float64(r.Search.Ours.Latency.P99))
	}
	headroom(p, len(names))
	return p
}

func (r *report) relevancePanel() *plot.Plot {
	title := "Relevance"
	if r.Search != nil {
		title = fmt.Sprintf("Relevance on %d judged queries (docs %s)", len(r.Search.Queries), r.Search.Version)
	}
	p := newPanel(title, "share / score")
	if r.Search == nil || (r.Search.Theirs == nil && !r.Search.Ours.relevanceValid) {
		p.Title.Text += " — not measured in this run"
		return p
	}
	var names []string
	var values [][]float64
	for _, s := range []*searchSide{r.Search.Ours, r.Search.Theirs} {
		if s == nil || !s.relevanceValid {
			continue
		}
		names = append(names, fmt.Sprintf("%s: %.0f%% / %.0f%% / %.2f", s.Name, 100*s.Top1, 100*s.Top3, s.NDCG))
		values = append(values, []float64{s.Top1, s.Top3, s.NDCG})
	}
	bars(p, []string{"top-1 hit rate", "top-3 hit rate", "nDCG@10"}, names, values, vg.Points(40))
	p.Y.Max = 1
	headroom(p, len(names))
	return p
}

func (r *report) scalePanel() *plot.Plot {
	p := newPanel("In-process search latency by corpus size", "ms")
	var names []string
	var values [][]float64
	for _, s := range r.Scale {
		names = append(names, fmt.Sprintf("%s (%s pages, build %s s)", s.Label, thousands(s.Pages), trimFloat(s.BuildDisk.Seconds(), 1)))
		values = append(values, []float64{msf(s.Search.P50), msf(s.Search.P99)})
	}
	bars(p, []string{"search p50", "search p99"}, names, values, vg.Points(40))
	if len(r.Scale) > 0 {
		targetMarks(p, []float64{0, 5}, "target p99 (5 ms, real corpus)")
	}
	headroom(p, len(names)+1)
	return p
}
