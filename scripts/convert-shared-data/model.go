package main

import "gopkg.in/yaml.v3"

// The front matter written by this converter. Every key here is defined in
// docs/content-model.md, with the meaning given there.

// frameworkDoc is the front matter of content/frameworks/<fw>/_index.md.
type frameworkDoc struct {
	Framework frameworkMeta `yaml:"framework"`
	Levels    []level       `yaml:"levels"`
}

type frameworkMeta struct {
	ID          string    `yaml:"id"`
	Title       string    `yaml:"title"`
	ShortTitle  string    `yaml:"short_title,omitempty"`
	Version     string    `yaml:"version"`
	Publisher   string    `yaml:"publisher"`
	Document    string    `yaml:"document,omitempty"`
	Published   date      `yaml:"published,omitempty"`
	URL         string    `yaml:"url"`
	License     string    `yaml:"license"`
	LicenseNote string    `yaml:"license_note,omitempty"`
	IDAliases   []idAlias `yaml:"id_aliases,omitempty"`
}

// idAlias is a short form of an id prefix that search takes for it.
type idAlias struct {
	Short string `yaml:"short"`
	For   string `yaml:"for"`
}

type level struct {
	Name   string `yaml:"name"`
	Plural string `yaml:"plural,omitempty"`
	Page   bool   `yaml:"page"`
}

// element is the front matter of an element file, and each of its children.
type element struct {
	ID        string    `yaml:"id"`
	Title     string    `yaml:"title,omitempty"`
	Statement string    `yaml:"statement"`
	Number    string    `yaml:"number,omitempty"`
	LevelName string    `yaml:"level_name,omitempty"`
	SourceURL string    `yaml:"source_url,omitempty"`
	Fields    []field   `yaml:"fields,omitempty"`
	Children  []element `yaml:"children,omitempty"`
}

type field struct {
	Label string `yaml:"label"`
	Text  string `yaml:"text"`
}

type source struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url,omitempty"`
}

// date is a YYYY-MM-DD date. It is written as a plain YAML timestamp (published: 2023-01-26),
// as in docs/content-model.md, and read back as its text.
type date string

func (d date) IsZero() bool { return d == "" }

func (d date) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: string(d)}, nil
}
