package extract

func (a *attributor) english() {}
